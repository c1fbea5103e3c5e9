import * as vscode from 'vscode';
import { LanguageClient, ExecuteCommandRequest } from 'vscode-languageclient/node';
import { AsmResult, listingLinesFor, renderListing, sourceLineFor } from './asmModel';

export const SCHEME = 'optlens-asm';

interface Listing {
  result: AsmResult;
  source: vscode.Uri;
  position: vscode.Position;
  goarch?: string;
}

/**
 * The assembly beside the source: a read-only virtual document that follows edits, with the
 * instructions of the source line under the cursor highlighted, and the source line of the
 * instruction under the cursor highlighted in turn.
 */
export class AssemblyView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly listings = new Map<string, Listing>();
  private readonly highlight = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  });
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      vscode.window.onDidChangeTextEditorSelection((e) => this.selectionChanged(e)),
      vscode.workspace.onDidChangeTextDocument((e) => this.sourceChanged(e.document)),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const l = this.listings.get(uri.toString());
    return l ? renderListing(l.result) : '// no listing\n';
  }

  /** Opens (or refreshes) the listing of the function at the position, beside the source. */
  async show(source: vscode.TextDocument, position: vscode.Position, goarch?: string): Promise<void> {
    const result = await this.request(source.uri, position, goarch);
    const uri = vscode.Uri.from({
      scheme: SCHEME,
      path: `/${result.function}.s`,
      query: `source=${encodeURIComponent(source.uri.toString())}&goarch=${goarch ?? ''}`,
    });
    this.listings.set(uri.toString(), { result, source: source.uri, position, goarch });
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    this.highlightFromSource(source.uri, position.line);
  }

  private async request(source: vscode.Uri, position: vscode.Position, goarch?: string): Promise<AsmResult> {
    const c = this.client();
    if (!c) throw new Error('the OptLens server is not running');
    const arg: Record<string, unknown> = { uri: source.toString(), position: { line: position.line, character: position.character } };
    if (goarch) arg.goarch = goarch;
    return (await c.sendRequest(ExecuteCommandRequest.type, { command: 'optlens.showAssembly', arguments: [arg] })) as AsmResult;
  }

  private sourceChanged(doc: vscode.TextDocument): void {
    const affected = [...this.listings.entries()].filter(([, l]) => l.source.toString() === doc.uri.toString());
    if (affected.length === 0 || doc.uri.scheme === SCHEME) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(async () => {
      for (const [key, l] of affected) {
        try {
          l.result = await this.request(l.source, l.position, l.goarch);
          this.changed.fire(vscode.Uri.parse(key));
        } catch {
          // The function may be mid-edit; the last listing stays until the next change compiles.
        }
      }
    }, 500);
  }

  private selectionChanged(e: vscode.TextEditorSelectionChangeEvent): void {
    const uri = e.textEditor.document.uri;
    const line = e.selections[0]?.active.line ?? 0;
    if (uri.scheme === SCHEME) {
      const l = this.listings.get(uri.toString());
      if (!l) return;
      const src = sourceLineFor(l.result, line);
      const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === l.source.toString());
      if (!editor) return;
      const ranges = src === undefined ? [] : [new vscode.Range(src, 0, src, 0)];
      editor.setDecorations(this.highlight, ranges);
      if (ranges.length) editor.revealRange(ranges[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } else {
      this.highlightFromSource(uri, line);
    }
  }

  private highlightFromSource(source: vscode.Uri, line: number): void {
    for (const [key, l] of this.listings) {
      if (l.source.toString() !== source.toString()) continue;
      const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === key);
      if (!editor) continue;
      const ranges = listingLinesFor(l.result, line).map((i) => new vscode.Range(i, 0, i, 0));
      editor.setDecorations(this.highlight, ranges);
      if (ranges.length) editor.revealRange(ranges[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.highlight.dispose();
    this.changed.dispose();
  }
}
