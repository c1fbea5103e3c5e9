import * as assert from 'assert';
import * as path from 'path';
import { baselineArgs, baselineFile, moduleRootOf } from '../baseline';

describe('Create Baseline', () => {
  it('finds the module root above the file', () => {
    const root = path.join('/', 'src', 'app');
    assert.strictEqual(moduleRootOf(path.join(root, 'pkg', 'sub', 'a.go'), (d) => d === root), root);
    assert.strictEqual(moduleRootOf(path.join('/', 'tmp', 'a.go'), () => false), undefined);
  });

  it('runs over the whole module with the build settings the editor uses', () => {
    const args = baselineArgs({ gcflags: ' -N ', goos: 'linux', goarch: '', buildTags: ['integration', 3, 'x'] }, '/src/app');
    assert.deepStrictEqual(args, ['baseline', '--gcflags=-N', '--goos=linux', '--tags=integration,x', path.join('/src/app', '...')]);
  });

  it('writes the file the baseline setting names', () => {
    assert.strictEqual(baselineFile({}, '/src/app'), path.join('/src/app', 'optlens-baseline.json'));
    assert.strictEqual(baselineFile({ baseline: 'ci/perf.json' }, '/src/app'), path.join('/src/app', 'ci/perf.json'));
  });
});
