/** A heap decision as optlens.decisions returns it (the fields the list uses). */
export interface HeapDecision {
  file: string;
  kind: string;
  message: string;
  function?: string;
  range: { start: { line: number; character: number } };
  /** Its share of a profile (optlens.profiles): bytes for a heap decision. */
  hot?: { quantity: string; value: number; share: number };
}

/**
 * The package's heap allocations for "Show Heap Allocations": its own files' first, then its tests'
 * under a heading of their own. A test's allocations are real, but they are not what the package
 * costs its users. With a memory profile the costliest come first (by their share of the allocated
 * bytes); otherwise, and among equals, file and line order.
 */
export function heapGroups<T extends HeapDecision>(decisions: T[]): { own: T[]; tests: T[] } {
  const heap = decisions.filter((d) => d.kind === 'heap-escape' || d.kind === 'moved-to-heap');
  const bytes = (d: T) => (d.hot && d.hot.quantity === 'bytes' ? d.hot.value : 0);
  const order = (a: T, b: T) => bytes(b) - bytes(a) || a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character;
  const isTest = (d: T) => d.file.endsWith('_test.go');
  return { own: heap.filter((d) => !isTest(d)).sort(order), tests: heap.filter(isTest).sort(order) };
}

/** "88% of bytes", as a share is shown beside a listed allocation; empty without a profile figure. */
export function shareWords(hot: HeapDecision['hot']): string {
  if (!hot || hot.value <= 0) return '';
  const p = hot.share * 100;
  const percent = p >= 10 ? `${Math.round(p)}%` : p >= 0.1 ? `${p.toFixed(1)}%` : '<0.1%';
  return `${percent} of ${hot.quantity}`;
}
