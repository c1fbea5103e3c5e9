/** A heap decision as optlens.decisions returns it (the fields the list uses). */
export interface HeapDecision {
  file: string;
  kind: string;
  message: string;
  function?: string;
  range: { start: { line: number; character: number } };
}

/**
 * The package's heap allocations for "Show Heap Allocations": its own files' first, then its tests'
 * under a heading of their own, each group in file and line order. A test's allocations are real,
 * but they are not what the package costs its users.
 */
export function heapGroups<T extends HeapDecision>(decisions: T[]): { own: T[]; tests: T[] } {
  const heap = decisions.filter((d) => d.kind === 'heap-escape' || d.kind === 'moved-to-heap');
  const order = (a: T, b: T) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character;
  const isTest = (d: T) => d.file.endsWith('_test.go');
  return { own: heap.filter((d) => !isTest(d)).sort(order), tests: heap.filter(isTest).sort(order) };
}
