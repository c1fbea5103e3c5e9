import * as assert from 'assert';
import { serverSection, withHintsToggle } from '../settings';

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
});
