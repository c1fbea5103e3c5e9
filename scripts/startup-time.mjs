// Measures the OptLens server's start-up as an editor sees it: process start -> `initialize`
// answered, over stdio. Usage: node startup-time.mjs <runs> <java> [java args...] -jar <jar> lsp
// Prints the median and each run in milliseconds: "190 ms median of 188, 191, 195".
import { spawn } from 'node:child_process';

const [runs, java, ...args] = process.argv.slice(2);

function once() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(java, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let buffer = Buffer.alloc(0);
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('no answer in 30 s: ' + stderr)); }, 30000);
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      buffer = Buffer.concat([buffer, d]);
      if (!buffer.toString('utf8').includes('"id":1')) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
      send({ jsonrpc: '2.0', method: 'exit' });
      child.on('exit', () => resolve(ms));
    });
    function send(msg) {
      const body = Buffer.from(JSON.stringify(msg), 'utf8');
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    }
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

const times = [];
for (let i = 0; i < Number(runs); i++) times.push(await once());
const sorted = [...times].sort((a, b) => a - b);
console.log(`${Math.round(sorted[Math.floor(sorted.length / 2)])} ms median of ${times.map(Math.round).join(', ')}`);
