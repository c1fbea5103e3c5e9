import * as assert from 'assert';
import { serverSection, toggledHints } from '../settings';

describe('settings', () => {
  it('sends the server its section without extension-only keys', () => {
    assert.deepStrictEqual(serverSection({ javaPath: '/j', gcflags: '-l', debounceMs: 0 }), { gcflags: '-l', debounceMs: 0 });
  });
  it('toggles all hints off and back to what they were', () => {
    const before = { inline: true, heap: false, stack: true, inlined: true, devirt: true };
    const off = toggledHints(before, undefined);
    assert.ok(Object.values(off.hints).every((v) => v === false));
    const on = toggledHints(off.hints, off.remember);
    assert.deepStrictEqual(on.hints, before);
    assert.strictEqual(on.remember, undefined);
  });
});
