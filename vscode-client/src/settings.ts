/**
 * The server's settings section from the `optlens` configuration: what initializationOptions and
 * workspace/configuration answers carry. Extension-only keys (javaPath) are left out.
 */
export const EXTENSION_ONLY = ['javaPath'];

export function serverSection(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (EXTENSION_ONLY.includes(k) || typeof v === 'function') continue;
    out[k] = v;
  }
  return out;
}

/**
 * The server's section with the "Toggle Hints" state applied: while hints are toggled off every hint
 * kind is off, whatever the settings say; toggled on again, the settings hold as they are. The toggle
 * lives in the extension's own state, so it never writes a settings file into the user's repository.
 */
export function withHintsToggle(section: Record<string, unknown>, hintsOff: boolean): Record<string, unknown> {
  if (!hintsOff) return section;
  const hints: Record<string, boolean> = {};
  const current = section.hints && typeof section.hints === 'object' ? section.hints as Record<string, unknown> : {};
  for (const k of new Set([...HINT_KINDS, ...Object.keys(current)])) hints[k] = false;
  return { ...section, hints };
}

/** The server's hint kinds (package.json's optlens.hints properties). */
export const HINT_KINDS = ['inline', 'heap', 'stack', 'inlined', 'devirt', 'bounds'];

/**
 * The server's section with the profiles of the last "Profile Benchmarks" run added to the
 * optlens.profiles setting's: the run's files live in the extension's state (never in the repository).
 */
export function withBenchmarkProfiles(section: Record<string, unknown>, profiles: string[] | undefined): Record<string, unknown> {
  if (!profiles || profiles.length === 0) return section;
  const set = Array.isArray(section.profiles) ? section.profiles.filter((p): p is string => typeof p === 'string') : [];
  return { ...section, profiles: [...set, ...profiles.filter((p) => !set.includes(p))] };
}
