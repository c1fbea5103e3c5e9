import * as vscode from 'vscode';
import { LanguageClient, ExecuteCommandRequest } from 'vscode-languageclient/node';
import { AsmResult, functionSpans, listingLinesFor, renderListing, sourceLineFor } from './asmModel';

export const SCHEME = 'optlens-asm';
/** Go assembly's language (package.json's grammar colours it). */
export const LANGUAGE = 'optlens-goasm';

interface Listing {
  result: AsmResult;
  source: vscode.Uri;
  position: vscode.Position;
  goarch?: string;
}

/**
 * The assembly beside the source: one read-only virtual document per source file, reused, that
 * follows edits and follows the cursor into another function; the instructions of the source line
 * under the cursor are highlighted, and the source line of the instruction under the cursor in turn.
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
  private followTimer: NodeJS.Timeout | undefined;

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

  /** Opens (or refreshes) the listing of the function at the position, beside the source: one view per file, reused. */
  async show(source: vscode.TextDocument, position: vscode.Position, goarch?: string): Promise<void> {
    const result = await this.request(source.uri, position, goarch);
    const uri = vscode.Uri.from({
      scheme: SCHEME,
      path: `/${source.uri.path.split('/').pop() ?? 'listing'}.s`,
      query: `source=${encodeURIComponent(source.uri.toString())}&goarch=${goarch ?? ''}`,
    });
    this.listings.set(uri.toString(), { result, source: source.uri, position, goarch });
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== LANGUAGE) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (!shown) await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    this.highlightFromSource(source.uri, position.line);
  }

  /**
   * The cursor left the listed function: after a short pause the view shows the function it is in now
   * (the same view; nothing changes while the cursor stays outside any function).
   */
  private follow(source: vscode.Uri, position: vscode.Position): void {
    const entry = [...this.listings.entries()].find(([, l]) => l.source.toString() === source.toString());
    if (!entry || functionSpans(entry[1].result, position.line)) return;
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(async () => {
      const [key, l] = entry;
      try {
        const result = await this.request(l.source, position, l.goarch);
        if (result.function === l.result.function) return;
        l.result = result;
        l.position = position;
        this.changed.fire(vscode.Uri.parse(key));
        // The text changes under the highlight: set it again once the view shows the new listing.
        setTimeout(() => this.highlightFromSource(source, position.line), 50);
      } catch {
        // Outside any function (or mid-edit): the listing stays.
      }
    }, 300);
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
      this.follow(uri, e.selections[0]?.active ?? new vscode.Position(line, 0));
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
