import * as assert from 'assert';
import * as path from 'path';
import { javaCandidate, javaMajorVersion } from '../java';

describe('java lookup', () => {
  it('prefers the setting, then JAVA_HOME, then PATH', () => {
    assert.strictEqual(javaCandidate(' /opt/jdk/bin/java ', { JAVA_HOME: '/x' }), '/opt/jdk/bin/java');
    assert.strictEqual(javaCandidate('', { JAVA_HOME: '/usr/lib/jvm/17' }), path.join('/usr/lib/jvm/17', 'bin', 'java'));
    assert.strictEqual(javaCandidate('', {}), 'java');
  });
  it('reads the major version of old and new version strings', () => {
    assert.strictEqual(javaMajorVersion('openjdk version "17.0.15" 2025-04-15'), 17);
    assert.strictEqual(javaMajorVersion('java version "1.8.0_392"'), 8);
    assert.strictEqual(javaMajorVersion('openjdk version "21" 2023-09-19'), 21);
    assert.strictEqual(javaMajorVersion('bash: java: command not found'), undefined);
  });
});
