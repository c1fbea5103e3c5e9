/** The server's optlens/status notification. */
export interface StatusParams {
  dir: string;
  state: 'analysing' | 'partial' | 'ready' | 'failed' | 'noGo' | string;
  versions: Record<string, number>;
  heapAllocs: number;
  /** Heap allocations in the package's test files, counted apart (absent from older servers). */
  testHeapAllocs?: number;
  message: string;
  /** Which Go compiled the package and why that one, e.g. "go1.27.3 (/usr/lib/go-1.27/bin/go, PATH)". */
  toolchain?: string;
  /** The comparison with the build optlens.compareWith names, once made for this input. */
  compared?: { label: string; toolchain: string; differences: number; error?: string };
  /** The profile guiding the build (optlens.pgo), and how many decisions only it makes. */
  pgo?: { profile: string; why: string; decisions: number };
}

/** What the status bar item shows for a package's status. */
export interface StatusView {
  text: string;
  tooltip: string;
}

/** The release alone ("go1.27.3") of a toolchain description. */
function release(toolchain: string | undefined): string {
  return toolchain ? toolchain.split(' ')[0] : '';
}

export function statusView(s: StatusParams): StatusView {
  const pkg = s.dir.split(/[\\/]/).pop() ?? s.dir;
  const go = s.toolchain ? `\nGo: ${s.toolchain}` : '';
  const inTests = s.testHeapAllocs ? ` (+${s.testHeapAllocs} in tests)` : '';
  const allocs = `${s.heapAllocs} heap alloc${s.heapAllocs === 1 ? '' : 's'}${inTests}`;
  const suffix = (release(s.toolchain) ? ` · ${release(s.toolchain)}` : '') + (s.pgo ? ' · PGO' : '') + comparedText(s);
  switch (s.state) {
    case 'analysing':
      return { text: '$(sync~spin) optlens', tooltip: `Compiling ${pkg}…${go}` };
    case 'partial':
      return {
        text: `$(sync~spin) ${allocs}`,
        tooltip: `${pkg}: ${s.message} is up to date; the rest of the package is still compiling.${go}`,
      };
    case 'ready':
      return {
        text: `$(flame) ${allocs}${suffix}`,
        tooltip: `${pkg}: ${s.heapAllocs} heap allocation${s.heapAllocs === 1 ? '' : 's'}`
          + (s.testHeapAllocs ? `, and ${s.testHeapAllocs} in its tests` : '')
          + (s.message ? ` (${s.message}; the decisions are the package's alone until its tests compile)` : '')
          + `. Click for the OptLens output.${go}${pgoTooltip(s)}${comparedTooltip(s)}`,
      };
    case 'noGo':
      return { text: '$(error) optlens: Go missing', tooltip: s.message };
    case 'failed':
      return { text: '$(warning) optlens: compile failed', tooltip: `${pkg} does not compile: ${s.message}${go}` };
    default:
      // A state from a newer server: say so rather than guess.
      return { text: '$(question) optlens', tooltip: `${pkg}: ${s.state}${s.message ? ': ' + s.message : ''}${go}` };
  }
}

/** Which profile guides the build, as go build -pgo would use it. */
function pgoTooltip(s: StatusParams): string {
  if (!s.pgo) return '';
  return `\nBuilt with PGO: ${s.pgo.why} (${s.pgo.profile}); ${s.pgo.decisions} decision${s.pgo.decisions === 1 ? ' is' : 's are'}`
    + ' the profile\'s, marked (PGO)';
}

/** " · ≠ 4 on go1.27" while a build is compared. */
function comparedText(s: StatusParams): string {
  if (!s.compared) return '';
  return s.compared.error ? ` · ≠ ${s.compared.label}: not built` : ` · ≠ ${s.compared.differences} on ${s.compared.label}`;
}

function comparedTooltip(s: StatusParams): string {
  if (!s.compared) return '';
  return s.compared.error ? `\nCompared with ${s.compared.label}: it did not build the package: ${s.compared.error}`
    : `\nCompared with ${s.compared.label} (${s.compared.toolchain}): ${s.compared.differences} decision${s.compared.differences === 1 ? '' : 's'}`
      + ' differ (OptLens: Show Differences lists them)';
}

export function untrustedView(): StatusView {
  return {
    text: '$(shield) optlens off',
    tooltip: 'OptLens runs the Go compiler, so it stays off until you trust this workspace.',
  };
}
