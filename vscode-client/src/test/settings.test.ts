import * as assert from 'assert';
import { serverSection, withBenchmarkProfiles, withHintsToggle } from '../settings';

describe('settings', () => {
  it('sends the server its section without extension-only keys', () => {
    assert.deepStrictEqual(serverSection({ javaPath: '/j', gcflags: '-l', debounceMs: 0 }), { gcflags: '-l', debounceMs: 0 });
  });
  it('toggles every hint off without touching the settings, and back', () => {
    const section = { gcflags: '-l', hints: { heap: false, stack: true } };
    const off = withHintsToggle(section, true);
    assert.deepStrictEqual(off.hints, { inline: false, heap: false, stack: false, inlined: false, devirt: false, bounds: false });
    assert.strictEqual(off.gcflags, '-l');
    assert.deepStrictEqual(section.hints, { heap: false, stack: true }, 'the settings object is not changed');
    assert.strictEqual(withHintsToggle(section, false), section);
  });

  it('adds the benchmark run\'s profiles to the optlens.profiles setting\'s, once each', () => {
    assert.deepStrictEqual(withBenchmarkProfiles({ debounceMs: 0 }, undefined), { debounceMs: 0 });
    assert.deepStrictEqual(withBenchmarkProfiles({ profiles: ['a.pprof'] }, ['/c/mem.pprof', 'a.pprof']),
      { profiles: ['a.pprof', '/c/mem.pprof'] });
    assert.deepStrictEqual(withBenchmarkProfiles({ profiles: 7 }, ['/c/mem.pprof']), { profiles: ['/c/mem.pprof'] });
  });
});
