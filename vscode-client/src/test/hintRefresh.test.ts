import * as assert from 'assert';
import { ChangeEvents, hintsAfterChanges, MAX_HINT_ASKS } from '../hintRefresh';

/** A provider's change events, fired by hand. */
function emitter(): { events: ChangeEvents; fire: () => void; listeners: () => number } {
  const listeners = new Set<() => void>();
  return {
    events: (l) => { listeners.add(l); return { dispose: () => listeners.delete(l) }; },
    fire: () => listeners.forEach((l) => l()),
    listeners: () => listeners.size,
  };
}

describe('hints asked again after a refresh during the request', () => {
  it('a refresh while the request is out: the answer is the one after it', async () => {
    const e = emitter();
    let settings = 'heap hint shown';
    const asked: string[] = [];
    const answer = await hintsAfterChanges(async () => {
      const seen = settings;
      asked.push(seen);
      if (asked.length === 1) { settings = 'heap hint off'; e.fire(); } // the server applied new settings and refreshed
      return seen;
    }, e.events, () => false);
    assert.strictEqual(answer, 'heap hint off');
    assert.deepStrictEqual(asked, ['heap hint shown', 'heap hint off']);
    assert.strictEqual(e.listeners(), 0, 'stops listening once answered');
  });
  it('no refresh: asked once', async () => {
    const e = emitter();
    let asks = 0;
    assert.strictEqual(await hintsAfterChanges(async () => ++asks, e.events, () => false), 1);
    assert.strictEqual(asks, 1);
  });
  it('a refresh before the request or after its answer does not ask again', async () => {
    const e = emitter();
    e.fire();
    let asks = 0;
    await hintsAfterChanges(async () => ++asks, e.events, () => false);
    e.fire();
    assert.strictEqual(asks, 1);
  });
  it('a cancelled request is not asked again', async () => {
    const e = emitter();
    let asks = 0;
    await hintsAfterChanges(async () => { asks++; e.fire(); return asks; }, e.events, () => true);
    assert.strictEqual(asks, 1);
  });
  it('refreshes without end are asked a bounded number of times', async () => {
    const e = emitter();
    let asks = 0;
    assert.strictEqual(await hintsAfterChanges(async () => { asks++; e.fire(); return asks; }, e.events, () => false), MAX_HINT_ASKS);
  });
  it('a failed request fails the answer and stops listening', async () => {
    const e = emitter();
    await assert.rejects(hintsAfterChanges(async () => { throw new Error('server stopped'); }, e.events, () => false), /server stopped/);
    assert.strictEqual(e.listeners(), 0);
  });
  it('no change events (no provider): asked once', async () => {
    assert.strictEqual(await hintsAfterChanges(async () => 'x', undefined, () => false), 'x');
  });
});
