import * as path from 'path';

export const MINIMUM_JAVA = 17;

/** Where a java executable comes from, in the order they are tried. */
export type JavaSource = 'optlens.javaPath' | 'bundled runtime' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
  java: string;
  source: JavaSource;
}

function exe(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

/** The java a runtime directory (a JDK, a JRE or our jlink image) holds. */
export function javaIn(home: string): string {
  return path.join(home, 'bin', exe('java'));
}

/**
 * The java executables to try, in order: the setting (when set, only it: the user chose), the runtime
 * bundled in a platform package (when this package has one), JAVA_HOME, java on PATH.
 */
export function javaCandidates(setting: string, bundledRuntime: string | undefined, env: NodeJS.ProcessEnv): JavaCandidate[] {
  if (setting.trim() !== '') return [{ java: setting.trim(), source: 'optlens.javaPath' }];
  const out: JavaCandidate[] = [];
  if (bundledRuntime) out.push({ java: javaIn(bundledRuntime), source: 'bundled runtime' });
  if (env.JAVA_HOME) out.push({ java: javaIn(env.JAVA_HOME), source: 'JAVA_HOME' });
  out.push({ java: 'java', source: 'PATH' });
  return out;
}

/** The major version from `java -version` output (`openjdk version "17.0.15"`, `"1.8.0_392"`), or undefined. */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** A candidate with what running it told us: its major version, or undefined when it did not run. */
export interface ProbedJava extends JavaCandidate {
  version: number | undefined;
}

/** The first candidate that is Java 17 or newer. */
export function chooseJava(probed: ProbedJava[]): ProbedJava | undefined {
  return probed.find((p) => p.version !== undefined && p.version >= MINIMUM_JAVA);
}

/** One line for the status bar tooltip: which Java runs the server. */
export function describeJava(j: ProbedJava): string {
  return `Java ${j.version} from ${j.source} (${j.java})`;
}

/** The message when no candidate will do: what each one was, and what to do. */
export function noJavaMessage(probed: ProbedJava[]): string {
  const found = probed.map((p) => `${p.source} ${p.source === 'PATH' ? 'java' : p.java}: `
    + (p.version === undefined ? 'does not run' : `Java ${p.version}`)).join('; ');
  const bundled = probed.some((p) => p.source === 'bundled runtime');
  return `OptLens needs Java ${MINIMUM_JAVA} or newer to run its server (${found}). `
    + (bundled ? 'Its bundled runtime did not start: reinstall the extension, or ' : 'Install the OptLens package for your platform, which brings its own Java, or ')
    + `install Java ${MINIMUM_JAVA} (for example 'apt install openjdk-17-jre-headless') or set "optlens.javaPath".`;
}

/**
 * JVM flags for the server. The serial collector with a small young generation and a heap kept close
 * to what is live: a generated 5 MB Go file peaked at 836 MB of RSS with them, 1.14 GB without
 * (scripts/benchmark.sh big). JVM warnings go to stderr: by default they go to stdout, the LSP channel
 * (a class-data archive that no longer fits prints one there), but for class-data sharing's own,
 * dozens of "Pre JDK 6 class not supported by CDS" lines each time the archive is written, which
 * say nothing to a user. {@code cds} adds the class-data sharing flags (see {@link cdsFlags}).
 */
export const HEAP_FLAGS = ['-XX:+UseSerialGC', '-XX:MaxNewSize=64m', '-XX:MinHeapFreeRatio=10', '-XX:MaxHeapFreeRatio=30'];

/**
 * Only the JIT's first tier (C1): with the second as well, its threads spent 0.7 s of CPU in the
 * server's first second, on the cores the first compile needs (a cold open of encoding/json: 190 ms
 * later), and edits were no faster for it (scripts/benchmark.sh json-fast, http-fast).
 */
export const JIT_FLAGS = ['-XX:TieredStopAtLevel=1'];

export function jvmFlags(cds: string[]): string[] {
  return [...HEAP_FLAGS, ...JIT_FLAGS, '-Xlog:disable', '-Xlog:all=warning,cds=off:stderr', ...cds];
}

/**
 * Class-data sharing (AppCDS) for the bundled runtime: the first start writes an archive of the
 * classes the server loaded when it exits, later starts map it (process start to the answer to initialize: 195 -> 165 ms here). The
 * archive is written on the user's machine because it records the jar's path; made at packaging
 * time it would not match where the extension is installed.
 *
 * @param archive  the archive for this extension version, if it exists
 * @param writeTo  where the first run writes it (renamed to {@code archive} once the server exited cleanly)
 */
export function cdsFlags(archiveExists: boolean, archive: string, writeTo: string): string[] {
  return archiveExists ? [`-XX:SharedArchiveFile=${archive}`] : [`-XX:ArchiveClassesAtExit=${writeTo}`];
}
