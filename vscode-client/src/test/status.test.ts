import * as assert from 'assert';
import { statusView, untrustedView } from '../status';

describe('status bar', () => {
  const base = { dir: '/w/basics', versions: {}, message: '' };
  it('counts the tests\' heap allocations apart and says when the tests do not compile', () => {
    const v = statusView({ ...base, state: 'ready', heapAllocs: 94, testHeapAllocs: 1403, message: '' });
    assert.strictEqual(v.text, '$(flame) 94 heap allocs (+1403 in tests)');
    const broken = statusView({ ...base, state: 'ready', heapAllocs: 261, message: 'tests: 1 error (bench_test.go:17:2: use of internal package)' });
    assert.strictEqual(broken.text, '$(flame) 261 heap allocs');
    assert.match(broken.tooltip, /tests: 1 error .*the decisions are the package's alone until its tests compile/);
  });

  it('counts heap allocations when ready', () => {
    assert.strictEqual(statusView({ ...base, state: 'ready', heapAllocs: 10 }).text, '$(flame) 10 heap allocs');
    assert.strictEqual(statusView({ ...base, state: 'ready', heapAllocs: 1 }).text, '$(flame) 1 heap alloc');
  });
  it('says how many decisions differ on the compared build, or that it did not build', () => {
    const compared = { label: 'go1.27', toolchain: 'go1.27.3 (/g/bin/go)', differences: 4 };
    const v = statusView({ ...base, state: 'ready', heapAllocs: 2, toolchain: 'go1.23.5 (/usr/bin/go, PATH)', compared });
    assert.strictEqual(v.text, '$(flame) 2 heap allocs · go1.23.5 · ≠ 4 on go1.27');
    assert.match(v.tooltip, /Compared with go1.27 \(go1.27.3 \(\/g\/bin\/go\)\): 4 decisions differ/);
    const broken = statusView({ ...base, state: 'ready', heapAllocs: 2, compared: { ...compared, error: 'Go 1.27 is not installed' } });
    assert.strictEqual(broken.text, '$(flame) 2 heap allocs · ≠ go1.27: not built');
  });
  it('says when it is analysing, failed, or Go is missing', () => {
    assert.match(statusView({ ...base, state: 'analysing', heapAllocs: 0 }).text, /sync~spin/);
    const failed = statusView({ ...base, state: 'failed', heapAllocs: 3, message: 'broken.go:5:9: undefined: x' });
    assert.strictEqual(failed.text, '$(warning) optlens: compile failed');
    assert.match(failed.tooltip, /basics does not compile: broken.go:5:9/);
    assert.strictEqual(statusView({ ...base, state: 'noGo', heapAllocs: 0, message: 'Go not found' }).tooltip, 'Go not found');
  });
  it('names the toolchain, and shows a partial result as still compiling, not failed', () => {
    const toolchain = 'go1.27.3 (/root/sdk/go1.27.3/bin/go, $HOME/sdk; go.mod says go 1.27, /usr/bin/go (PATH) is go1.23.5)';
    const ready = statusView({ ...base, state: 'ready', heapAllocs: 2, toolchain });
    assert.strictEqual(ready.text, '$(flame) 2 heap allocs · go1.27.3');
    assert.match(ready.tooltip, /Go: go1\.27\.3 \(\/root\/sdk\/go1\.27\.3\/bin\/go, \$HOME\/sdk; go\.mod says go 1\.27/);
    const partial = statusView({ ...base, state: 'partial', heapAllocs: 2, message: 'Process', toolchain });
    assert.doesNotMatch(partial.text, /failed/);
    assert.match(partial.tooltip, /Process is up to date/);
  });
  it('never shows an unknown state as a failed compile', () => {
    const v = statusView({ ...base, state: 'indexing', heapAllocs: 0, message: 'later' });
    assert.doesNotMatch(v.text, /failed/);
    assert.match(v.tooltip, /indexing: later/);
  });
  it('explains an untrusted workspace', () => {
    assert.match(untrustedView().tooltip, /trust/);
  });

  it('says when a profile guides the build, and which', () => {
    const pgo = { profile: '/m/cmd/app/default.pgo', why: 'default.pgo of cmd/app', decisions: 3 };
    const v = statusView({ ...base, state: 'ready', heapAllocs: 0, toolchain: 'go1.27.3 (/g/bin/go, PATH)', pgo });
    assert.strictEqual(v.text, '$(flame) 0 heap allocs · go1.27.3 · PGO');
    assert.ok(v.tooltip.includes('Built with PGO: default.pgo of cmd/app (/m/cmd/app/default.pgo); 3 decisions are the profile\'s'), v.tooltip);
  });
});
