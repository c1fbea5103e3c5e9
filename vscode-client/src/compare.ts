/** What optlens.compareChoices answers: installed releases and architectures to compare with. */
export interface CompareChoices {
  current: { compareWith?: string; goarch?: string };
  releases: { release: string; version: string; go: string }[];
  goarch: string[];
}

/** One entry of the "Compare Decisions With…" picker: what it shows and the optlens.compareWith value it sets. */
export interface CompareItem {
  label: string;
  description?: string;
  value: string;
}

/** The GOAMD64 levels: the compiler may use newer instructions (and decide differently) from v2 on. */
export const GOAMD64 = ['v1', 'v2', 'v3', 'v4'];

/**
 * The picker's entries: each installed release, each architecture, each GOAMD64 level, and "Stop
 * comparing" while something is compared. The build compared now is marked.
 */
export function compareItems(c: CompareChoices, comparing: string | undefined): CompareItem[] {
  const mark = (label: string) => (comparing === label ? 'compared now' : undefined);
  const items: CompareItem[] = [];
  for (const r of c.releases) items.push({ label: `go${r.release}`, description: mark(`go${r.release}`) ?? `${r.version} · ${r.go}`, value: r.release });
  for (const a of c.goarch) items.push({ label: `GOARCH=${a}`, description: mark(a), value: `goarch=${a}` });
  for (const v of GOAMD64) items.push({ label: `GOAMD64=${v}`, description: mark(`GOAMD64=${v}`), value: `GOAMD64=${v}` });
  if (comparing) items.unshift({ label: 'Stop comparing', description: comparing, value: '' });
  return items;
}

/**
 * The server's section with the picker's choice applied: the choice lives in the extension's state
 * (like Toggle Hints), so choosing never writes a settings file into the user's repository; no choice
 * made: the optlens.compareWith setting holds.
 */
export function withCompareChoice(section: Record<string, unknown>, choice: string | undefined): Record<string, unknown> {
  return choice === undefined ? section : { ...section, compareWith: choice };
}

/** A difference as optlens.differences returns it. */
export interface DifferenceJson {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  function: string;
  change: 'changed' | 'only-a' | 'only-b' | string;
  kind: string;
  a?: string;
  b?: string;
  hint: string;
}

/**
 * A line of the differences list: the function and what the compared build does in a few words (the
 * hint's), then both builds' own words.
 */
export function differenceLine(d: DifferenceJson, label: string): { label: string; detail: string } {
  const words = d.hint.replace(/^≠ /, '');
  return {
    label: `${d.function || '(package level)'}: ${words}`,
    detail: `${label}: ${d.b ?? '—'}   ·   this build: ${d.a ?? '—'}`,
  };
}
