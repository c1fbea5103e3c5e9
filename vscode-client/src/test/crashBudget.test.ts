import * as assert from 'assert';
import { CrashBudget } from '../crashBudget';

describe('crash budget', () => {
  it('restarts a few crashes, then stops', () => {
    const b = new CrashBudget(4, 1000);
    assert.deepStrictEqual([1, 2, 3, 4, 5].map((t) => b.crashed(t)), [true, true, true, true, false]);
  });
  it('forgets crashes outside the window', () => {
    const b = new CrashBudget(1, 1000);
    assert.strictEqual(b.crashed(0), true);
    assert.strictEqual(b.crashed(2000), true);
    assert.strictEqual(b.crashed(2500), false);
    b.reset();
    assert.strictEqual(b.crashed(2600), true);
  });
});
