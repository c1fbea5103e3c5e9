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

/** Hints toggled: all off (remembering what was on), or back to what was on before. */
export function toggledHints(current: Record<string, boolean>, remembered: Record<string, boolean> | undefined):
    { hints: Record<string, boolean>; remember: Record<string, boolean> | undefined } {
  const anyOn = Object.values(current).some((v) => v);
  if (anyOn) {
    const off: Record<string, boolean> = {};
    for (const k of Object.keys(current)) off[k] = false;
    return { hints: off, remember: { ...current } };
  }
  return { hints: remembered ?? { inline: true, heap: true, stack: false, inlined: true, devirt: true }, remember: undefined };
}
