import * as path from 'path';

/** The java executable to try: the setting, then JAVA_HOME, then java on PATH. */
export function javaCandidate(setting: string, env: NodeJS.ProcessEnv): string {
  if (setting.trim() !== '') return setting.trim();
  if (env.JAVA_HOME) return path.join(env.JAVA_HOME, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
  return 'java';
}

/** The major version from `java -version` output (`openjdk version "17.0.15"`, `"1.8.0_392"`), or undefined. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

export const MINIMUM_JAVA = 17;
