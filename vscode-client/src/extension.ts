import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction, DidChangeConfigurationNotification, ErrorAction, ExecuteCommandRequest, InlayHintRequest, LanguageClient,
  LanguageClientOptions, ServerOptions,
} from 'vscode-languageclient/node';
import { baselineArgs, baselineFile, moduleRootOf } from './baseline';
import { ARCHITECTURES } from './asmModel';
import { AssemblyView } from './assemblyView';
import { CrashBudget } from './crashBudget';
import {
  cdsFlags, chooseJava, describeJava, javaCandidates, javaIn, javaMajorVersion, jvmFlags, noJavaMessage, ProbedJava,
} from './java';
import { heapGroups, shareWords } from './heapList';
import { hintsAfterChanges, RETELL_DELAY_MS, RETELL_WINDOW_MS } from './hintRefresh';
import { CompareChoices, compareItems, differenceLine, DifferenceJson, withCompareChoice } from './compare';
import { serverSection, withBenchmarkProfiles, withHintsToggle } from './settings';
import { StatusParams, statusView, untrustedView } from './status';

let client: LanguageClient | undefined;
/** The Java the server runs on: Create Baseline runs the same jar with it. */
let serverJava: string | undefined;
let status: vscode.StatusBarItem;
let output: vscode.OutputChannel;
let javaNote = '';
const budget = new CrashBudget(4, 3 * 60 * 1000);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('OptLens');
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
  status.command = 'optlens.showOutput';
  status.show();
  const view = new AssemblyView(() => client);
  context.subscriptions.push(output, status, view,
    vscode.commands.registerCommand('optlens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('optlens.restartServer', async () => {
      budget.reset();
      await stop();
      await start(context);
    }),
    vscode.commands.registerCommand('optlens.showAssemblyView', async (arg?: { uri: string; position: { line: number; character: number } }) => {
      await showAssembly(view, arg);
    }),
    vscode.commands.registerCommand('optlens.showAssemblyForArch', async () => {
      const goarch = await vscode.window.showQuickPick(ARCHITECTURES, { placeHolder: 'GOARCH for the listing' });
      if (goarch) await showAssembly(view, undefined, goarch);
    }),
    vscode.commands.registerCommand('optlens.showHeapAllocations', () => showHeapAllocations()),
    vscode.commands.registerCommand('optlens.toggleHints', () => toggleHints(context)),
    vscode.commands.registerCommand('optlens.createBaseline', () => createBaseline(context)),
    vscode.commands.registerCommand('optlens.compareWith', (choice?: string) => compareWith(context, choice)),
    vscode.commands.registerCommand('optlens.showDifferences', () => showDifferences()),
    vscode.commands.registerCommand('optlens.profileBenchmarks', (arg?: { bench?: string; benchtime?: string }) => profileBenchmarks(context, arg)),
    vscode.commands.registerCommand('optlens.forgetProfiles', () => forgetProfiles(context)),
  );
  if (!vscode.workspace.isTrusted) {
    const v = untrustedView();
    status.text = v.text;
    status.tooltip = v.tooltip;
    context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => start(context)));
    return;
  }
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const java = await findJava(context);
  if (!java) return;
  serverJava = java.java;
  const jar = context.asAbsolutePath('server/optlens.jar');
  const cds = java.source === 'bundled runtime' ? classDataSharing(context) : undefined;
  const serverOptions: ServerOptions = async () => {
    const child = cp.spawn(java.java, [...jvmFlags(cds?.flags ?? []), '-jar', jar, 'lsp'], { stdio: 'pipe' });
    child.on('exit', (code) => cds?.exited(code));
    return child;
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'go' }],
    outputChannel: output,
    initializationOptions: section(context, configObject()),
    synchronize: { configurationSection: 'optlens' },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => budget.crashed(Date.now())
        ? { action: CloseAction.Restart }
        : {
          action: CloseAction.DoNotRestart,
          message: 'The OptLens server stopped 5 times in 3 minutes and stays off. See the OptLens output, then run "OptLens: Restart Server".',
        },
    },
    middleware: {
      // The server's "Show assembly" lens opens the listing beside the source; its "≠ N decisions differ" lens, the list.
      provideCodeLenses: async (doc, token, next) => {
        const lenses = await next(doc, token);
        for (const l of lenses ?? []) {
          if (l.command?.command === 'optlens.showAssembly') l.command = { ...l.command, command: 'optlens.showAssemblyView' };
          if (l.command?.command === 'optlens.differences') l.command = { ...l.command, command: 'optlens.showDifferences', arguments: [] };
        }
        return lenses;
      },
      // A refresh around an editor's first hint answer would be lost (see hintRefresh.ts).
      provideInlayHints: (doc, range, token, next) => {
        const changed = () => client?.getFeature(InlayHintRequest.method)?.getProvider(doc)?.onDidChangeInlayHints;
        return hintsAfterChanges(async () => next(doc, range, token),
          (listener) => changed()?.event(listener) ?? { dispose: () => undefined },
          () => token.isCancellationRequested,
          { fire: () => changed()?.fire(), windowMs: RETELL_WINDOW_MS, delayMs: RETELL_DELAY_MS });
      },
      workspace: {
        configuration: async (params, token, next) => {
          const values = await next(params, token);
          return Array.isArray(values)
            ? values.map((v) => (v && typeof v === 'object' ? section(context, v as Record<string, unknown>) : v))
            : values;
        },
      },
    },
  };
  client = new LanguageClient('optlens', 'OptLens', serverOptions, clientOptions);
  client.onNotification('optlens/status', (s: StatusParams) => {
    if (s.compared) comparing = s.compared.label;
    const v = statusView(s);
    status.text = v.text;
    status.tooltip = `${v.tooltip}\n${javaNote}`;
  });
  status.text = '$(sync~spin) optlens';
  await client.start();
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

function configObject(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('optlens')));
}

/** The first Java 17+ of the setting, the bundled runtime, JAVA_HOME and PATH; undefined (and a message) when none. */
async function findJava(context: vscode.ExtensionContext): Promise<ProbedJava | undefined> {
  const runtime = context.asAbsolutePath('runtime');
  const bundled = fs.existsSync(javaIn(runtime)) ? runtime : undefined;
  const probed: ProbedJava[] = [];
  for (const c of javaCandidates(vscode.workspace.getConfiguration('optlens').get<string>('javaPath', ''), bundled, process.env)) {
    probed.push({ ...c, version: await javaVersion(c.java) });
    if (chooseJava(probed)) break;
  }
  const java = chooseJava(probed);
  if (!java) {
    const message = noJavaMessage(probed);
    status.text = '$(error) optlens: Java missing';
    status.tooltip = message;
    output.appendLine(message);
    vscode.window.showErrorMessage(message);
    return undefined;
  }
  javaNote = describeJava(java);
  output.appendLine(`OptLens server runs on ${javaNote}`);
  status.tooltip = javaNote;
  return java;
}

/**
 * AppCDS for the bundled runtime: flags that map this version's archive when a clean exit of an
 * earlier server wrote it, or write it at exit (to a name of our own, renamed once complete).
 */
function classDataSharing(context: vscode.ExtensionContext): { flags: string[]; exited: (code: number | null) => void } | undefined {
  try {
    const dir = context.globalStorageUri.fsPath;
    fs.mkdirSync(dir, { recursive: true });
    const version = String(context.extension.packageJSON.version);
    const archive = path.join(dir, `optlens-${version}.jsa`);
    const exists = fs.existsSync(archive);
    const writeTo = `${archive}.${process.pid}.${Date.now()}.tmp`;
    return {
      flags: cdsFlags(exists, archive, writeTo),
      exited: (code) => {
        if (exists || !fs.existsSync(writeTo)) return;
        try {
          if (code === 0 && !fs.existsSync(archive)) fs.renameSync(writeTo, archive);
          else fs.rmSync(writeTo, { force: true });
        } catch (e) {
          output.appendLine(`OptLens: class-data archive not kept: ${e instanceof Error ? e.message : String(e)}`);
        }
      },
    };
  } catch {
    return undefined; // no storage: start without class-data sharing
  }
}

function javaVersion(java: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    cp.execFile(java, ['-version'], { timeout: 20000 }, (err, stdout, stderr) => {
      resolve(err ? undefined : javaMajorVersion(`${stderr}${stdout}`));
    });
  });
}

async function showAssembly(view: AssemblyView, arg?: { uri: string; position: { line: number; character: number } }, goarch?: string): Promise<void> {
  try {
    let doc: vscode.TextDocument;
    let position: vscode.Position;
    if (arg) {
      doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
      position = new vscode.Position(arg.position.line, arg.position.character);
    } else {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'go') {
        vscode.window.showInformationMessage('OptLens: put the cursor inside a Go function first.');
        return;
      }
      doc = editor.document;
      position = editor.selection.active;
    }
    await view.show(doc, position, goarch);
  } catch (e) {
    vscode.window.showErrorMessage(`OptLens: ${e instanceof Error ? e.message : String(e)}`);
  }
}

interface DecisionJson {
  file: string;
  kind: string;
  message: string;
  function: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  hot?: { quantity: string; value: number; share: number };
}

/** A line where the memory profile saw allocations and the compiler marked none (optlens.decisions' allocations). */
interface AllocationJson {
  file: string;
  line: number;
  function: string;
  words: string;
  unmarked: boolean;
}

/** The active editor when it shows a Go file and the server runs; else undefined, and the user is told. */
function activeGoEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || editor.document.languageId !== 'go') {
    vscode.window.showInformationMessage('OptLens: open a Go file of the package first.');
    return undefined;
  }
  return editor;
}

/** Opens a file with a range selected: where a listed decision or difference is. */
async function reveal(uri: vscode.Uri, r: DecisionJson['range']): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) });
}

async function showHeapAllocations(): Promise<void> {
  const editor = activeGoEditor();
  if (!client || !editor) return;
  const result = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: 'optlens.decisions', arguments: [{ uri: editor.document.uri.toString(), package: true }],
  })) as { decisions: DecisionJson[]; allocations?: AllocationJson[] };
  const { own, tests } = heapGroups(result.decisions);
  const item = (d: DecisionJson) => ({
    label: `$(flame) ${d.message}`,
    description: `${vscode.workspace.asRelativePath(d.file)}:${d.range.start.line + 1}`
      + (shareWords(d.hot) ? ` · ${shareWords(d.hot)}` : ''),
    detail: d.function ? `in ${d.function}` : undefined,
    decision: d,
  });
  type Item = vscode.QuickPickItem & { decision?: DecisionJson };
  const items: Item[] = own.map(item);
  if (tests.length > 0) items.push({ label: `in tests (${tests.length})`, kind: vscode.QuickPickItemKind.Separator }, ...tests.map(item));
  // What the profile saw allocate where the compiler marked nothing (append and map growth, strings built).
  const unmarked = (result.allocations ?? []).filter((a) => a.unmarked);
  if (unmarked.length > 0) {
    items.push({ label: `allocating, not marked by the compiler (${unmarked.length})`, kind: vscode.QuickPickItemKind.Separator },
      ...unmarked.map((a) => ({
        label: `$(warning) ${a.words} allocated here`,
        description: `${vscode.workspace.asRelativePath(a.file)}:${a.line}`,
        detail: `in ${a.function}`,
        decision: { file: a.file, kind: 'allocation', message: '', function: a.function,
          range: { start: { line: a.line - 1, character: 0 }, end: { line: a.line - 1, character: 0 } } },
      })));
  }
  const pick = await vscode.window.showQuickPick(items, {
    placeHolder: `${own.length} heap allocation${own.length === 1 ? '' : 's'} in this package`
      + (tests.length > 0 ? ` (+${tests.length} in its tests, listed after)` : ''),
    matchOnDescription: true,
  });
  if (!pick?.decision) return;
  await reveal(vscode.Uri.file(pick.decision.file), pick.decision.range);
}

/** The server's section of a settings object, with the extension's own toggles (hints off, the compared build) applied. */
function section(context: vscode.ExtensionContext, config: Record<string, unknown>): Record<string, unknown> {
  return withBenchmarkProfiles(withCompareChoice(withHintsToggle(serverSection(config), hintsOff(context)), compareChoice(context)),
    context.workspaceState.get<string[]>('optlens.benchmarkProfiles'));
}

/** The build the user chose to compare with (extension state); undefined: the optlens.compareWith setting holds. */
function compareChoice(context: vscode.ExtensionContext): string | undefined {
  return context.workspaceState.get<string>('optlens.compareWith');
}

/** The build compared now, as the server's status last said. */
let comparing: string | undefined;

/**
 * "Compare Decisions With…": picks a release, GOARCH or GOAMD64 level among what is installed (or
 * takes one as the argument, as keybindings and tests give it) and has the server compare with it.
 */
async function compareWith(context: vscode.ExtensionContext, choice?: string): Promise<void> {
  if (!client) {
    vscode.window.showInformationMessage('OptLens: the server is not running.');
    return;
  }
  let value = choice;
  if (value === undefined) {
    const choices = (await client.sendRequest(ExecuteCommandRequest.type, { command: 'optlens.compareChoices', arguments: [] })) as CompareChoices;
    const current = compareChoice(context) ?? choices.current.compareWith;
    const pick = await vscode.window.showQuickPick(compareItems(choices, current ? comparing ?? current : undefined), {
      placeHolder: 'Compare the decisions with… (differences appear as ≠ hints and lenses)',
    });
    if (!pick) return;
    value = pick.value;
  }
  if (value === '') comparing = undefined;
  await context.workspaceState.update('optlens.compareWith', value);
  await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
}

/**
 * "Profile Benchmarks…": runs the active package's benchmarks (a pattern, or the argument tests give)
 * with a memory profile of every allocation and a CPU profile; the profiles are kept in the
 * extension's state and their shares appear in hints, hovers, lenses and Show Heap Allocations.
 */
async function profileBenchmarks(context: vscode.ExtensionContext, arg?: { bench?: string; benchtime?: string }): Promise<void> {
  const editor = activeGoEditor();
  if (!client || !editor) return;
  const bench = arg?.bench ?? await vscode.window.showInputBox({
    prompt: 'Which benchmarks to run (a go test -bench pattern)', value: '.', ignoreFocusOut: true,
  });
  if (bench === undefined) return;
  const uri = editor.document.uri.toString();
  const pkg = vscode.workspace.asRelativePath(vscode.Uri.joinPath(editor.document.uri, '..'));
  try {
    const run = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: `OptLens: running the benchmarks of ${pkg} (-bench=${bench})`, cancellable: true,
    }, (_progress, cancel) => client!.sendRequest(ExecuteCommandRequest.type, {
      command: 'optlens.runBenchmarks', arguments: [{ uri, bench, benchtime: arg?.benchtime }],
    }, cancel)) as { memProfile: string; cpuProfile: string };
    await context.workspaceState.update('optlens.benchmarkProfiles', [run.memProfile, run.cpuProfile]);
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    vscode.window.showInformationMessage(`OptLens: profiled the benchmarks of ${pkg}: heap hints now show each allocation's share`
      + ' of the allocated bytes (Show Heap Allocations lists the costliest first).');
  } catch (e) {
    vscode.window.showErrorMessage(`OptLens: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** "Forget Benchmark Profiles": the shares of the last benchmark run go (the optlens.profiles setting's stay). */
async function forgetProfiles(context: vscode.ExtensionContext): Promise<void> {
  await context.workspaceState.update('optlens.benchmarkProfiles', undefined);
  await client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
}

/** "Show Differences": the active package's differences with the compared build; picking one goes there. */
async function showDifferences(): Promise<void> {
  const editor = activeGoEditor();
  if (!client || !editor) return;
  const result = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: 'optlens.differences', arguments: [{ uri: editor.document.uri.toString() }],
  })) as { label: string; errors: string[]; differences: DifferenceJson[] };
  if (!result.label) {
    vscode.window.showInformationMessage('OptLens: nothing is compared. Run "OptLens: Compare Decisions With…" first.');
    return;
  }
  if (result.errors.length > 0) {
    vscode.window.showWarningMessage(`OptLens: ${result.label} did not build the package: ${result.errors[0]}`);
    return;
  }
  type Item = vscode.QuickPickItem & { difference: DifferenceJson };
  const items: Item[] = result.differences.map((d) => ({
    ...differenceLine(d, result.label),
    description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(d.uri))}:${d.range.start.line + 1}`,
    difference: d,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    placeHolder: `${items.length} decision${items.length === 1 ? '' : 's'} differ on ${result.label}`, matchOnDescription: true, matchOnDetail: true,
  });
  if (!pick) return;
  await reveal(vscode.Uri.parse(pick.difference.uri), pick.difference.range);
}

/** Whether "Toggle Hints" has turned every hint off (extension state: nothing is written into the workspace). */
function hintsOff(context: vscode.ExtensionContext): boolean {
  return context.globalState.get<boolean>('optlens.hintsOff', false);
}

async function toggleHints(context: vscode.ExtensionContext): Promise<void> {
  await context.globalState.update('optlens.hintsOff', !hintsOff(context));
  // The server asks for its section again (workspace/configuration), which the middleware answers with the toggle.
  await client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
}

/**
 * Runs the bundled server's `optlens baseline` over the active file's module and writes what it prints
 * to the baseline file (asking before replacing one): from then on, decisions new since it are Warnings.
 * The editor writes the file the user asked for; the server never writes into the workspace.
 */
async function createBaseline(context: vscode.ExtensionContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file' || editor.document.languageId !== 'go') {
    vscode.window.showInformationMessage('OptLens: open a Go file of the module first.');
    return;
  }
  const root = moduleRootOf(editor.document.uri.fsPath, (d) => fs.existsSync(path.join(d, 'go.mod')));
  if (!root) {
    vscode.window.showInformationMessage('OptLens: this file is in no module (no go.mod above it): a baseline is made per module.');
    return;
  }
  if (!serverJava) {
    vscode.window.showErrorMessage('OptLens: the server is not running (no Java 17 found), so no baseline can be made.');
    return;
  }
  const settings = configObject();
  const file = baselineFile(settings, root);
  if (fs.existsSync(file)) {
    const replace = await vscode.window.showWarningMessage(`OptLens: ${path.basename(file)} exists. Replace it with the module's decisions now?`,
      { modal: true }, 'Replace');
    if (replace !== 'Replace') return;
  }
  const env = { ...process.env };
  const goPath = typeof settings.goPath === 'string' ? settings.goPath.trim() : '';
  if (goPath) env.PATH = `${path.dirname(goPath)}${path.delimiter}${env.PATH ?? ''}`;
  const jar = context.asAbsolutePath('server/optlens.jar');
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `OptLens: recording the baseline of ${path.basename(root)}` },
    () => new Promise<void>((resolve) => {
      cp.execFile(serverJava!, ['-jar', jar, ...baselineArgs(settings, root)], { cwd: root, env, maxBuffer: 512 * 1024 * 1024 },
        (err, stdout, stderr) => {
          if (err) {
            output.appendLine(`optlens baseline: ${stderr || err.message}`);
            vscode.window.showErrorMessage(`OptLens: no baseline was written: ${(stderr || err.message).trim().split('\n')[0]}`);
          } else {
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, stdout);
            vscode.window.showInformationMessage(`OptLens: baseline written to ${vscode.workspace.asRelativePath(file)}.`);
          }
          resolve();
        });
    }));
}
