// A language-server smoke test over stdio, as an editor starts the server: initialize, open a Go file,
// wait for a diagnostic whose message contains a text, shut down. Prints the times; exits 1 on failure.
// Usage: node lsp-smoke.mjs <file.go> <expected text> <seconds> <command> [args...]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [file, expected, seconds, command, ...args] = process.argv.slice(2);
const uri = pathToFileURL(file).href;
const started = process.hrtime.bigint();
const ms = () => Math.round(Number(process.hrtime.bigint() - started) / 1e6);
const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => { stderr += d; });
child.on('error', (e) => fail(`cannot start ${command}: ${e.message}`));
const timer = setTimeout(() => fail(`no diagnostic containing "${expected}" within ${seconds} s`), Number(seconds) * 1000);

function send(msg) {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
function fail(why) {
  console.log(`lsp-smoke: FAILED after ${ms()} ms: ${why}`);
  if (stderr) console.log(`server stderr:\n${stderr.slice(-4000)}`);
  child.kill('SIGKILL');
  process.exit(1);
}

let buffer = Buffer.alloc(0);
child.stdout.on('data', (d) => {
  buffer = Buffer.concat([buffer, d]);
  for (;;) {
    const head = buffer.indexOf('\r\n\r\n');
    if (head < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, head).toString())?.[1]);
    if (buffer.length < head + 4 + length) return;
    const msg = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString('utf8'));
    buffer = buffer.subarray(head + 4 + length);
    onMessage(msg);
  }
});

function onMessage(msg) {
  if (msg.id === 1 && msg.result) {
    console.log(`lsp-smoke: initialize answered after ${ms()} ms`);
    send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    send({ jsonrpc: '2.0', method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(file, 'utf8') } } });
  } else if (msg.method === 'optlens/status') {
    console.log(`lsp-smoke: status ${msg.params.state} after ${ms()} ms ${msg.params.message || ''}`);
  } else if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === uri) {
    const hit = msg.params.diagnostics.find((d) => d.message.includes(expected));
    if (!hit) return;
    console.log(`lsp-smoke: "${hit.message.split('\n')[0]}" at ${hit.range.start.line + 1}:${hit.range.start.character + 1} after ${ms()} ms`);
    clearTimeout(timer);
    send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
  } else if (msg.id === 2) {
    send({ jsonrpc: '2.0', method: 'exit' });
    child.on('exit', () => process.exit(0));
  } else if (msg.id !== undefined && msg.method) {
    send({ jsonrpc: '2.0', id: msg.id, result: null }); // registrations, configuration, refreshes
  }
}

send({ jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { processId: process.pid, rootUri: pathToFileURL(file.replace(/\/[^/]*$/, '')).href, capabilities: {} } });
