import * as cp from 'child_process';
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions,
} from 'vscode-languageclient/node';
import { ARCHITECTURES } from './asmModel';
import { AssemblyView } from './assemblyView';
import { CrashBudget } from './crashBudget';
import { javaCandidate, javaMajorVersion, MINIMUM_JAVA } from './java';
import { serverSection, toggledHints } from './settings';
import { StatusParams, statusView, untrustedView } from './status';

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let output: vscode.OutputChannel;
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
  const java = javaCandidate(vscode.workspace.getConfiguration('optlens').get<string>('javaPath', ''), process.env);
  const version = await javaVersion(java);
  if (version === undefined || version < MINIMUM_JAVA) {
    const why = version === undefined ? `cannot run ${java}` : `${java} is Java ${version}`;
    status.text = '$(error) optlens: Java missing';
    status.tooltip = `OptLens needs Java ${MINIMUM_JAVA} or newer: ${why}. Set optlens.javaPath.`;
    vscode.window.showErrorMessage(`OptLens needs Java ${MINIMUM_JAVA} or newer (${why}). Install it or set "optlens.javaPath".`);
    return;
  }
  const jar = context.asAbsolutePath('server/optlens.jar');
  const serverOptions: ServerOptions = { command: java, args: ['-XX:+UseSerialGC', '-jar', jar, 'lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'go' }],
    outputChannel: output,
    initializationOptions: serverSection(configObject()),
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
      // The server's "Show assembly" lens opens the listing beside the source.
      provideCodeLenses: async (doc, token, next) => {
        const lenses = await next(doc, token);
        for (const l of lenses ?? []) {
          if (l.command?.command === 'optlens.showAssembly') l.command = { ...l.command, command: 'optlens.showAssemblyView' };
        }
        return lenses;
      },
      workspace: {
        configuration: async (params, token, next) => {
          const values = await next(params, token);
          return Array.isArray(values) ? values.map((v) => (v && typeof v === 'object' ? serverSection(v as Record<string, unknown>) : v)) : values;
        },
      },
    },
  };
  client = new LanguageClient('optlens', 'OptLens', serverOptions, clientOptions);
  client.onNotification('optlens/status', (s: StatusParams) => {
    const v = statusView(s);
    status.text = v.text;
    status.tooltip = v.tooltip;
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
}

async function showHeapAllocations(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || editor.document.languageId !== 'go') {
    vscode.window.showInformationMessage('OptLens: open a Go file of the package first.');
    return;
  }
  const result = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: 'optlens.decisions', arguments: [{ uri: editor.document.uri.toString(), package: true }],
  })) as { decisions: DecisionJson[] };
  const heap = result.decisions.filter((d) => d.kind === 'heap-escape' || d.kind === 'moved-to-heap');
  const pick = await vscode.window.showQuickPick(heap.map((d) => ({
    label: `$(flame) ${d.message}`,
    description: `${vscode.workspace.asRelativePath(d.file)}:${d.range.start.line + 1}`,
    detail: d.function ? `in ${d.function}` : undefined,
    decision: d,
  })), { placeHolder: `${heap.length} heap allocation${heap.length === 1 ? '' : 's'} in this package`, matchOnDescription: true });
  if (!pick) return;
  const r = pick.decision.range;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(pick.decision.file));
  await vscode.window.showTextDocument(doc, {
    selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
  });
}

async function toggleHints(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('optlens');
  const current = config.get<Record<string, boolean>>('hints', {});
  const remembered = context.workspaceState.get<Record<string, boolean>>('optlens.hintsBeforeToggle');
  const next = toggledHints({ inline: true, heap: true, stack: false, inlined: true, devirt: true, ...current }, remembered);
  await context.workspaceState.update('optlens.hintsBeforeToggle', next.remember);
  await config.update('hints', next.hints, vscode.ConfigurationTarget.Workspace);
}
