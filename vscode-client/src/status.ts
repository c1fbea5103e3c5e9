/** The server's optlens/status notification. */
export interface StatusParams {
  dir: string;
  state: 'analysing' | 'ready' | 'failed' | 'noGo' | string;
  versions: Record<string, number>;
  heapAllocs: number;
  message: string;
}

/** What the status bar item shows for a package's status. */
export interface StatusView {
  text: string;
  tooltip: string;
}

export function statusView(s: StatusParams): StatusView {
  const pkg = s.dir.split(/[\\/]/).pop() ?? s.dir;
  switch (s.state) {
    case 'analysing':
      return { text: '$(sync~spin) optlens', tooltip: `Compiling ${pkg}…` };
    case 'ready':
      return {
        text: `$(flame) ${s.heapAllocs} heap alloc${s.heapAllocs === 1 ? '' : 's'}`,
        tooltip: `${pkg}: ${s.heapAllocs} heap allocation${s.heapAllocs === 1 ? '' : 's'}. Click for the OptLens output.`,
      };
    case 'noGo':
      return { text: '$(error) optlens: Go missing', tooltip: s.message };
    default:
      return { text: '$(warning) optlens: compile failed', tooltip: `${pkg} does not compile: ${s.message}` };
  }
}

export function untrustedView(): StatusView {
  return {
    text: '$(shield) optlens off',
    tooltip: 'OptLens runs the Go compiler, so it stays off until you trust this workspace.',
  };
}
