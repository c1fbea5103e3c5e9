import * as assert from 'assert';
import { ChangeEvents, hintsAfterChanges, MAX_HINT_ASKS, Retell } from '../hintRefresh';

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

describe('a refresh just after an answer is told again', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** A retell that fires the emitter again, as the extension fires the provider's event. */
  function retell(e: ReturnType<typeof emitter>, told: { n: number }): Retell {
    return { fire: () => { told.n++; e.fire(); }, windowMs: 80, delayMs: 20 };
  }
  it('a refresh right after the answer (the editor not listening yet) is fired again once the editor listens', async () => {
    const e = emitter();
    const told = { n: 0 };
    await hintsAfterChanges(async () => 'old settings', e.events, () => false, retell(e, told));
    // The editor attaches its listener only once the answer has reached it; the server's refresh got there first.
    e.fire();
    let editorAsked = 0;
    const editor = e.events(() => { editorAsked++; });
    await sleep(120);
    editor.dispose();
    assert.strictEqual(told.n, 1, 'told again once');
    assert.strictEqual(editorAsked, 1, 'the listening editor hears it and asks again');
  });
  it('no refresh after the answer: nothing is told', async () => {
    const e = emitter();
    const told = { n: 0 };
    await hintsAfterChanges(async () => 'x', e.events, () => false, retell(e, told));
    await sleep(120);
    assert.strictEqual(told.n, 0);
    assert.strictEqual(e.listeners(), 0, 'stops listening after the window');
  });
  it('a refresh after the window is the editor\'s own to hear: not told again', async () => {
    const e = emitter();
    const told = { n: 0 };
    await hintsAfterChanges(async () => 'x', e.events, () => false, retell(e, told));
    await sleep(120);
    e.fire();
    await sleep(40);
    assert.strictEqual(told.n, 0);
  });
  it('one refresh in two answers\' windows is told again once, and not again in turn', async () => {
    const e = emitter();
    const told = { n: 0 };
    // Two editors answered at once, both in their windows when the server refreshes.
    await Promise.all([
      hintsAfterChanges(async () => 'a', e.events, () => false, retell(e, told)),
      hintsAfterChanges(async () => 'b', e.events, () => false, retell(e, told)),
    ]);
    e.fire();
    await sleep(120);
    assert.strictEqual(told.n, 1, 'one telling reaches every editor, and it is not told again in turn');
  });
  it('a retold refresh during another request does not make it ask again', async () => {
    const e = emitter();
    const told = { n: 0 };
    await hintsAfterChanges(async () => 'first', e.events, () => false, retell(e, told));
    e.fire();
    let asks = 0;
    await hintsAfterChanges(async () => { asks++; await sleep(60); return asks; }, e.events, () => false);
    assert.strictEqual(told.n, 1);
    assert.strictEqual(asks, 1, 'the retell came during the request, and it is no news');
  });
  it('a cancelled request opens no window', async () => {
    const e = emitter();
    const told = { n: 0 };
    await hintsAfterChanges(async () => 'x', e.events, () => true, retell(e, told));
    e.fire();
    await sleep(60);
    assert.strictEqual(told.n, 0);
  });
});
