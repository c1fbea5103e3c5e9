import * as fs from 'fs';
import * as assert from 'assert';
import * as path from 'path';
import {
  cdsFlags, chooseJava, describeJava, HEAP_FLAGS, javaCandidates, javaMajorVersion, jvmFlags, noJavaMessage, ProbedJava,
} from '../java';

describe('java lookup', () => {
  it('tries the setting alone, else the bundled runtime, JAVA_HOME, then PATH', () => {
    assert.deepStrictEqual(javaCandidates(' /opt/jdk/bin/java ', '/ext/runtime', { JAVA_HOME: '/x' }),
      [{ java: '/opt/jdk/bin/java', source: 'optlens.javaPath' }]);
    assert.deepStrictEqual(javaCandidates('', '/ext/runtime', { JAVA_HOME: '/usr/lib/jvm/17' }), [
      { java: path.join('/ext/runtime', 'bin', 'java'), source: 'bundled runtime' },
      { java: path.join('/usr/lib/jvm/17', 'bin', 'java'), source: 'JAVA_HOME' },
      { java: 'java', source: 'PATH' },
    ]);
    assert.deepStrictEqual(javaCandidates('', undefined, {}), [{ java: 'java', source: 'PATH' }]);
  });
  it('takes the first Java 17 or newer and says which', () => {
    const probed: ProbedJava[] = [
      { java: '/ext/runtime/bin/java', source: 'bundled runtime', version: undefined },
      { java: '/jdk11/bin/java', source: 'JAVA_HOME', version: 11 },
      { java: 'java', source: 'PATH', version: 21 },
    ];
    assert.strictEqual(chooseJava(probed)?.source, 'PATH');
    assert.strictEqual(describeJava(probed[2]), 'Java 21 from PATH (java)');
    assert.strictEqual(chooseJava(probed.slice(0, 2)), undefined);
  });
  it('explains a missing or too-old Java with what was found and what to do', () => {
    const m = noJavaMessage([{ java: '/jdk11/bin/java', source: 'JAVA_HOME', version: 11 }, { java: 'java', source: 'PATH', version: undefined }]);
    assert.match(m, /needs Java 17 or newer/);
    assert.match(m, /JAVA_HOME \/jdk11\/bin\/java: Java 11; PATH java: does not run/);
    assert.match(m, /package for your platform, which brings its own Java/);
    assert.match(m, /optlens\.javaPath/);
  });
  it('keeps JVM warnings off stdout and maps or writes the class-data archive', () => {
    const flags = jvmFlags(cdsFlags(false, '/s/optlens-0.1.0.jsa', '/s/optlens-0.1.0.jsa.1.tmp'));
    assert.ok(flags.indexOf('-Xlog:disable') < flags.indexOf('-Xlog:all=warning,cds=off:stderr'));
    assert.ok(flags.includes('-XX:ArchiveClassesAtExit=/s/optlens-0.1.0.jsa.1.tmp'));
    assert.deepStrictEqual(cdsFlags(true, '/s/a.jsa', '/s/a.jsa.tmp'), ['-XX:SharedArchiveFile=/s/a.jsa']);
  });
  it('reads the major version of old and new version strings', () => {
    assert.strictEqual(javaMajorVersion('openjdk version "17.0.15" 2025-04-15'), 17);
    assert.strictEqual(javaMajorVersion('java version "1.8.0_392"'), 8);
    assert.strictEqual(javaMajorVersion('openjdk version "21" 2023-09-19'), 21);
    assert.strictEqual(javaMajorVersion('bash: java: command not found'), undefined);
  });
  it('the packaging script measures start-up with the flags the extension starts the server with', () => {
    const script = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'scripts', 'package-vsix.sh'), 'utf8');
    const line = script.split('\n').find((l) => l.startsWith('JVM_FLAGS=(')) ?? '';
    assert.deepStrictEqual(line.slice('JVM_FLAGS=('.length, -1).split(' '), jvmFlags([]));
    assert.ok(HEAP_FLAGS.includes('-XX:+UseSerialGC'));
  });
});
