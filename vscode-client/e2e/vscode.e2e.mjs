// End-to-end test in a real VS Code (code-server) driven by Chromium through playwright-core:
// installs the VSIX into a fresh profile, opens a copy of test-workspaces/basics, and checks what
// a user sees: an inlay hint, settings and Toggle Hints applied live, squiggles in the Problems panel, the hover text, an assertion typed
// into the file turning into an Error, the assembly view, the decisions compared with the newest
// installed Go release, and a package's benchmarks profiled (shares on the heap hints, the list ranked). Screenshots go to $OPTLENS_E2E_OUT. Usage: node vscode.e2e.mjs <code-server-dir> <vsix> <repo>
// With OPTLENS_E2E_SHOW=<folder>:<file>[:<line>] it only opens that file of a copy of that folder once
// its package is analysed and takes screenshots of what a user reads there (hints, Problems).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

const [csDir, vsix, repo] = process.argv.slice(2);
const out = process.env.OPTLENS_E2E_OUT || path.join(repo, 'vscode-client', 'e2e-screenshots');
fs.mkdirSync(out, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'optlens-e2e-'));
const bin = path.join(csDir, 'node_modules', '.bin', 'code-server');
const userData = path.join(tmp, 'user');
const extensions = path.join(tmp, 'extensions');
const [showDir, showFile, showLine] = (process.env.OPTLENS_E2E_SHOW || '').split(':');
const workspace = path.join(tmp, showDir ? path.basename(showDir) : 'basics');
fs.cpSync(showDir || path.join(repo, 'test-workspaces', 'basics'), workspace, { recursive: true });
// A module with a benchmark beside it, for the profile steps (its own go.mod: a package of its own).
if (!showDir) fs.cpSync(path.join(repo, 'test-workspaces', 'profiles'), path.join(workspace, 'profiles'), { recursive: true });
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'editor.inlayHints.enabled': 'on',
  'workbench.tips.enabled': false,
  // The settings step types JSON into settings.json: nothing may be closed or indented for it.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
}));
const env = { ...process.env, XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CONFIG_HOME: path.join(tmp, 'xdg-config') };

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

const step = (name) => console.log(`e2e: ${name}`);

/** The java executables of running OptLens servers (processes whose command line runs optlens.jar lsp). */
function serverJavas() {
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let argv;
    try { argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (argv.some((a) => a.endsWith(path.join('server', 'optlens.jar'))) && argv.includes('lsp')) found.push(argv[0]);
  }
  return found;
}
let server;
let browser;
let failed = false;
const started = Date.now();
try { run: {
  const port = await freePort();
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  step('installing the VSIX');
  execFileSync(bin, ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions,
    '--install-extension', vsix], { env, stdio: 'inherit' });
  step(`starting code-server on 127.0.0.1:${port}`);
  server = spawn(bin, ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(path.join(out, 'code-server.log'));
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  await new Promise((resolve, reject) => {
    const deadline = Date.now() + 60000;
    const poll = () => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(); });
      c.on('error', () => (Date.now() > deadline ? reject(new Error('code-server did not start')) : setTimeout(poll, 250)));
    };
    poll();
  });

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
  if (showDir) {
    step(`opening ${showFile} for screenshots`);
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget:not(.hidden)', { timeout: 30000 });
    await page.keyboard.type(showFile);
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 30000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /heap alloc/.test(document.querySelector('.statusbar')?.textContent ?? ''), null, { timeout: 300000 });
    if (showLine) {
      await page.keyboard.press('Control+G');
      await page.keyboard.type(showLine);
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(3000); // hints are fetched after the status: a screenshot, not a check
    await page.screenshot({ path: path.join(out, `show-${showFile}.png`) });
    await page.keyboard.press('Control+Shift+M');
    await page.waitForTimeout(2000);
    await page.screenshot({ path: path.join(out, `show-${showFile}-problems.png`) });
    step(`screenshots of ${showFile} in ${out}`);
    break run;
  }
  step('workbench loaded; opening basics.go');
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget:not(.hidden)', { timeout: 30000 });
  await page.keyboard.type('basics.go');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });

  // A line's decisions are gathered after its end: `p := Point{X: x, Y: y}  ⟵ heap: p`.
  step('waiting for the inlay hint "⟵ heap: p" at the end of its line');
  await page.keyboard.press('Control+G'); // NewPoint: only the lines in view are rendered
  await page.keyboard.type('52');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.replace(/\u00a0/g, ' ').includes('⟵ heap: p')), null, { timeout: 180000 });
  await page.screenshot({ path: path.join(out, '1-inlay-hints.png') });
  const javas = serverJavas();
  if (javas.length === 0) throw new Error('no optlens server process found');
  step(`server runs on ${javas.join(', ')}`);
  if (process.env.OPTLENS_E2E_BUNDLED_JAVA === '1'
      && !javas.every((j) => j.startsWith(extensions) && j.endsWith(path.join('runtime', 'bin', 'java')))) {
    throw new Error(`expected the VSIX's bundled runtime to run the server, got ${javas.join(', ')}`);
  }

  // Settings apply live: "Toggle Hints" and a setting edited in the user's settings.json both take
  // the hint away and give it back, without a restart; nothing is written into the workspace.
  const hintShown = () => page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.replace(/\u00a0/g, ' ').includes('⟵ heap: p')));
  const waitHint = (shown, what) => page.waitForFunction((want) => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.replace(/\u00a0/g, ' ').includes('⟵ heap: p')) === want, shown, { timeout: 60000 })
    .catch(() => { throw new Error(`${what}: the hint "⟵ heap: p" is ${shown ? 'still gone' : 'still shown'} after 60 s`); });
  const runCommand = async (title) => {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget:not(.hidden)', { timeout: 30000 });
    await page.keyboard.type(title);
    await page.waitForFunction((t) => document.querySelector('.quick-input-list')?.textContent.includes(t), title, { timeout: 30000 });
    await page.keyboard.press('Enter');
  };
  step('Toggle Hints: off, then on again');
  await runCommand('OptLens: Toggle Hints');
  await waitHint(false, 'Toggle Hints (off)');
  await runCommand('OptLens: Toggle Hints');
  await waitHint(true, 'Toggle Hints (on)');
  const userSettings = path.join(userData, 'User', 'settings.json');
  const settingsBefore = fs.readFileSync(userSettings, 'utf8');
  // As a user edits settings: in VS Code's own settings.json editor, saved.
  const editUserSettings = async (text) => {
    await runCommand('Preferences: Open User Settings (JSON)');
    await page.waitForFunction(() => document.querySelector('.tab.active')?.textContent.includes('settings.json'), null, { timeout: 30000 });
    await page.click('.editor-group-container.active .monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Shift+Home');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text.replace(/\n\s*/g, ' ')); // one line: the editor indents what follows a newline
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 30000;
    const saved = () => { try { return JSON.stringify(JSON.parse(fs.readFileSync(userSettings, 'utf8'))); } catch { return ''; } };
    while (saved() !== JSON.stringify(JSON.parse(text))) {
      if (Date.now() > deadline) throw new Error(`settings.json was not saved as ${text}: ${fs.readFileSync(userSettings, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.keyboard.press('Control+W');
  };
  step('a setting changes live: optlens.hints.heap false in the user settings');
  await editUserSettings(JSON.stringify({ ...JSON.parse(settingsBefore), 'optlens.hints': { heap: false } }));
  await waitHint(false, 'optlens.hints.heap set to false');
  await page.screenshot({ path: path.join(out, '1b-setting-live.png') });
  await editUserSettings(settingsBefore);
  await waitHint(true, 'optlens.hints.heap removed again');
  if (!await hintShown()) throw new Error('the hint did not come back');
  if (fs.existsSync(path.join(workspace, '.vscode'))) throw new Error('a .vscode folder was written into the workspace');

  step('opening Problems: squiggles for heap allocations');
  await page.keyboard.press('Control+Shift+M');
  await page.waitForFunction(() => { const t = document.querySelector('.markers-panel')?.textContent ?? '';
    return t.includes('heap-escape') && t.includes('escapes to heap'); },
    null, { timeout: 60000 });
  // The Problems tab's badge counts the squiggles: basics.go has 9 heap allocations.
  const badge = await page.evaluate(() => /PROBLEMS\s*(\d+)/i.exec(document.querySelector('.part.panel')?.textContent ?? '')?.[1]);
  if (badge !== '9') throw new Error(`expected 9 problems (heap allocations in basics.go), the badge says ${badge}`);
  await page.screenshot({ path: path.join(out, '2-problems.png') });

  /** Puts the cursor at line:column, shows the hover there, and waits until a hover's text matches. */
  const hoverAt = async (lineColumn, pattern) => {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(lineColumn);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.waitForFunction((re) => [...document.querySelectorAll('.monaco-hover:not(.hidden)')]
      .some((e) => new RegExp(re).test(e.textContent.replace(/\u00a0/g, ' '))), pattern.source, { timeout: 60000 });
  };
  step('hovering p in NewPoint');
  // Waits for optlens's own hover, not only the squiggle's line VS Code shows above it first.
  await hoverAt('52:2', /p is moved to the heap: its address is returned/);
  await page.screenshot({ path: path.join(out, '3-hover.png') });
  // Plain words first; the compiler's notation only in its own words, at the end.
  const hover = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')]
    .map((e) => e.textContent.replace(/\u00a0/g, ' ')).find((t) => t.includes('moved to heap: p')));
  const sentence = 'p is moved to the heap: its address is returned at line 53.';
  // VS Code shows the squiggle's own line ("moved to heap: p optlens(moved-to-heap)") above the hover.
  const marker = 'optlens(moved-to-heap)';
  const ours = hover.includes(marker) ? hover.slice(hover.indexOf(marker) + marker.length) : hover;
  if (!ours.trimStart().startsWith(sentence)) throw new Error(`the hover does not open with "${sentence}": ${hover}`);
  const words = ours.slice(0, ours.indexOf("The compiler's words"));
  if (ours.indexOf("The compiler's words") < 0 || /~r\d|\.autotmp|\{storage for/.test(words)) {
    throw new Error(`compiler notation outside the raw section of the hover: ${hover}`);
  }
  await page.keyboard.press('Escape');

  step('typing //optlens:stack p after the point: the assertion is an Error while p moves to the heap');
  await page.keyboard.press('Control+G');
  await page.keyboard.type('52');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' //optlens:stack p');
  await page.keyboard.press('Control+Shift+M');
  await page.waitForFunction(() => (document.querySelector('.markers-panel')?.textContent ?? '')
    .includes('optlens:stack p violated: moved to heap: p'), null, { timeout: 120000 });
  await page.screenshot({ path: path.join(out, '4-assertion.png') });
  // Typing made several undo stops: undo until the line is as it was.
  for (let i = 0; i < 10 && await page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.includes('//optlens:'))); i++) {
    await page.keyboard.press('Control+Z');
  }

  step('Show Assembly');
  await runCommand('OptLens: Show Assembly');
  await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => { const t = e.textContent.replace(/\u00a0/g, ' '); return t.includes('TEXT') && t.includes('basics.NewPoint'); }), null, { timeout: 120000 });
  await page.screenshot({ path: path.join(out, '5-assembly.png') });

  // The view follows the cursor into another function: the same tab, now Sum's listing.
  step('moving the cursor into Sum: the assembly view follows');
  await page.keyboard.press('Control+G');
  await page.keyboard.type('35');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => { const t = e.textContent.replace(/\u00a0/g, ' '); return t.includes('TEXT') && t.includes('basics.Sum'); }), null, { timeout: 120000 })
    .catch(() => { throw new Error('the assembly view did not follow the cursor into Sum'); });
  const asmTabs = await page.evaluate(() => [...document.querySelectorAll('.tab')].filter((t) => /\.s\b/.test(t.textContent ?? '')).length);
  if (asmTabs !== 1) throw new Error(`expected one assembly view, reused; found ${asmTabs} tabs`);
  await page.screenshot({ path: path.join(out, '6-assembly-follows.png') });

  // Compare with the newest installed release (the picker's first release): go1.25 keeps Run's
  // inlined make on the stack, so a "≠ go1.N: stack" hint appears on its line; then the list, then off.
  step('Compare Decisions With… the newest release: a ≠ hint where it decides differently');
  await runCommand('OptLens: Compare Decisions With');
  await page.waitForFunction(() => document.querySelector('.quick-input-list')?.textContent.includes('GOARCH='), null, { timeout: 30000 });
  const newest = await page.evaluate(() => document.querySelector('.quick-input-list .monaco-list-row .label-name')?.textContent ?? '');
  if (!/^go1\.\d+$/.test(newest)) throw new Error(`the picker's first entry is not a release: ${newest}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+G');
  await page.keyboard.type('62');
  await page.keyboard.press('Enter');
  await page.waitForFunction((want) => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.replace(/\u00a0/g, ' ').includes(want)), `≠ ${newest}: stack`, { timeout: 180000 })
    .catch(() => { throw new Error(`no hint "≠ ${newest}: stack" on Run's line after comparing with ${newest}`); });
  await page.waitForFunction((want) => (document.querySelector('.statusbar')?.textContent ?? '').includes(want), `on ${newest}`,
    { timeout: 60000 });
  await page.screenshot({ path: path.join(out, '7-compare.png') });
  step('Show Differences lists them in the compiler\'s words');
  await runCommand('OptLens: Show Differences');
  await page.waitForFunction((want) => (document.querySelector('.quick-input-list')?.textContent ?? '').includes(want),
    `Run: ${newest}: stack`, { timeout: 30000 })
    .catch(() => { throw new Error('Show Differences does not list Run\'s make'); });
  await page.screenshot({ path: path.join(out, '8-differences.png') });
  await page.keyboard.press('Escape');
  step('Stop comparing: the ≠ hints go');
  await runCommand('OptLens: Compare Decisions With');
  await page.waitForFunction(() => document.querySelector('.quick-input-list')?.textContent.includes('Stop comparing'), null, { timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => ![...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.includes('≠')), null, { timeout: 60000 })
    .catch(() => { throw new Error('the ≠ hints stayed after Stop comparing'); });
  // Profiles: the package's benchmarks run from the editor; each heap hint then carries its share of
  // the allocated bytes, and Show Heap Allocations lists the costliest first.
  step('opening profiles/hot.go; Profile Benchmarks…');
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget:not(.hidden)', { timeout: 30000 });
  await page.keyboard.type('hot.go');
  await page.waitForFunction(() => document.querySelector('.quick-input-list')?.textContent.includes('hot.go'), null, { timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.tab.active')?.textContent.includes('hot.go'), null, { timeout: 30000 });
  await page.keyboard.press('Control+G'); // Buffer's make: only the lines in view are rendered
  await page.keyboard.type('31');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.replace(/\u00a0/g, ' ').includes('heap: make([]byte, n)')), null, { timeout: 180000 });
  await runCommand('OptLens: Profile Benchmarks');
  await page.waitForFunction(() => (document.querySelector('.quick-input-widget:not(.hidden)')?.textContent ?? '')
    .includes('Which benchmarks to run'), null, { timeout: 30000 });
  await page.keyboard.press('Enter'); // the pattern offered: every benchmark
  const share = /heap \d+% of bytes: make\(\[\]byte, n\)/;
  await page.waitForFunction((re) => [...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => new RegExp(re).test(e.textContent.replace(/\u00a0/g, ' '))), share.source, { timeout: 240000 })
    .catch(() => { throw new Error('no share of the allocated bytes on Buffer\'s heap hint after Profile Benchmarks'); });
  await page.screenshot({ path: path.join(out, '9-profile.png') });
  step('hovering Buffer\'s make: the profile\'s figure');
  await hoverAt('31:9', /Profile: \d+% of the allocated bytes \(\d/)
    .catch(() => { throw new Error('the hover on Buffer\'s make does not give the profile\'s share'); });
  await page.screenshot({ path: path.join(out, '9b-profile-hover.png') });
  await page.keyboard.press('Escape');
  step('Show Heap Allocations: the costliest first, with its share');
  await runCommand('OptLens: Show Heap Allocations');
  await page.waitForFunction(() => (document.querySelector('.quick-input-list .monaco-list-row')?.textContent ?? '').includes('% of bytes'),
    null, { timeout: 30000 })
    .catch(() => { throw new Error('Show Heap Allocations does not list a share first'); });
  const first = await page.evaluate(() => document.querySelector('.quick-input-list .monaco-list-row')?.textContent ?? '');
  if (!first.includes('make([]byte, n)')) throw new Error(`the costliest allocation is not listed first: ${first}`);
  await page.screenshot({ path: path.join(out, '10-heap-ranked.png') });
  await page.keyboard.press('Escape');
  step('Forget Benchmark Profiles: the shares go');
  await runCommand('OptLens: Forget Benchmark Profiles');
  await page.waitForFunction(() => ![...document.querySelectorAll('.monaco-editor .view-lines')]
    .some((e) => e.textContent.includes('% of bytes')), null, { timeout: 60000 })
    .catch(() => { throw new Error('the shares stayed after Forget Benchmark Profiles'); });
  step(`passed in ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${out}`);
} } catch (e) {
  failed = true;
  console.error(`e2e: FAILED: ${e.stack || e}`);
  try {
    const page = browser && browser.contexts()[0]?.pages()[0];
    if (page) await page.screenshot({ path: path.join(out, 'failure.png') });
  } catch { /* no screenshot */ }
  // The extension's output channel (the server's log) beside the screenshot, and its end in the
  // output: a CI machine's files are not kept.
  const logs = path.join(userData, 'logs');
  for (const f of fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }) : []) {
    if (!String(f).endsWith('OptLens.log')) continue;
    fs.copyFileSync(path.join(logs, String(f)), path.join(out, 'optlens-output.log'));
    const lines = fs.readFileSync(path.join(logs, String(f)), 'utf8').trimEnd().split('\n');
    console.error(`e2e: the OptLens output's last ${Math.min(lines.length, 40)} lines:\n${lines.slice(-40).join('\n')}`);
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(failed ? '0 passed, 1 failed' : '1 passed, 0 failed');
process.exit(failed ? 1 : 0);
