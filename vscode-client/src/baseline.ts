import * as path from 'path';

/**
 * "Create Baseline": the bundled server's `optlens baseline` run over the module of the active file,
 * with the user's build settings, its output written to the baseline file the settings name.
 */

/** The nearest folder at or above the file's that holds a go.mod; undefined outside any module. */
export function moduleRootOf(file: string, hasGoMod: (dir: string) => boolean): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (hasGoMod(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The command line after `java -jar optlens.jar`: the module's packages with the user's build settings. */
export function baselineArgs(settings: Record<string, unknown>, root: string): string[] {
  const args = ['baseline'];
  const str = (k: string) => (typeof settings[k] === 'string' ? (settings[k] as string).trim() : '');
  if (str('gcflags')) args.push(`--gcflags=${str('gcflags')}`);
  if (str('goos')) args.push(`--goos=${str('goos')}`);
  if (str('goarch')) args.push(`--goarch=${str('goarch')}`);
  const tags = Array.isArray(settings.buildTags) ? (settings.buildTags as unknown[]).filter((t) => typeof t === 'string') : [];
  if (tags.length > 0) args.push(`--tags=${tags.join(',')}`);
  args.push(path.join(root, '...'));
  return args;
}

/** Where the baseline goes: the `baseline` setting's file in the module root (optlens-baseline.json by default). */
export function baselineFile(settings: Record<string, unknown>, root: string): string {
  const name = typeof settings.baseline === 'string' && settings.baseline.trim() !== '' ? settings.baseline.trim() : 'optlens-baseline.json';
  return path.join(root, name);
}
