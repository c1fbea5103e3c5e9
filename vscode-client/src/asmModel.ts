/** The result of the server's optlens.showAssembly command. */
export interface AsmResult {
  function: string;
  goarch: string;
  goos: string;
  lines: { text: string; line: number | null; file: string | null; inlined?: string }[];
  sourceLines: Record<string, number[]>;
}

/** The text of the read-only listing document. */
export function renderListing(r: AsmResult): string {
  const header = `// ${r.function} — ${r.goos}/${r.goarch}\n`;
  return header + r.lines.map((l) => l.text.replace(/\t/g, '    ')).join('\n') + '\n';
}

/** Listing document lines (0-based, counting the header line) compiled from a 0-based source line. */
export function listingLinesFor(r: AsmResult, sourceLine: number): number[] {
  return (r.sourceLines[String(sourceLine)] ?? []).map((i) => i + 1);
}

/** The 0-based source line a listing document line comes from, if any. */
export function sourceLineFor(r: AsmResult, listingLine: number): number | undefined {
  const entry = r.lines[listingLine - 1];
  return entry && entry.line !== null && entry.inlined === undefined ? entry.line : undefined;
}

/** Whether a 0-based source line lies within the listed function (between its first and last compiled lines). */
export function functionSpans(r: AsmResult, sourceLine: number): boolean {
  // The function's own lines: code inlined into it comes from elsewhere.
  const lines = r.lines.filter((l) => l.line !== null && l.inlined === undefined).map((l) => l.line as number);
  if (lines.length === 0) return false;
  return sourceLine >= Math.min(...lines) && sourceLine <= Math.max(...lines);
}

export const ARCHITECTURES = ['amd64', 'arm64', '386', 'arm', 'riscv64', 'ppc64le', 's390x', 'loong64', 'mips64le', 'wasm'];
