import * as assert from 'assert';
import { HeapDecision, heapGroups, shareWords } from '../heapList';

const d = (file: string, line: number, kind = 'moved-to-heap') => ({ file, kind, message: `m${line}`, range: { start: { line, character: 0 } } });

describe('heap allocation list', () => {
  it('lists the package\'s own allocations first and its tests\' apart, in file and line order', () => {
    const g = heapGroups([d('/p/a_test.go', 3), d('/p/b.go', 9), d('/p/a.go', 5, 'heap-escape'), d('/p/a.go', 2), d('/p/a.go', 1, 'inlined-call')]);
    assert.deepStrictEqual(g.own.map((x) => `${x.file}:${x.range.start.line}`), ['/p/a.go:2', '/p/a.go:5', '/p/b.go:9']);
    assert.deepStrictEqual(g.tests.map((x) => `${x.file}:${x.range.start.line}`), ['/p/a_test.go:3']);
  });

  it('puts the costliest first when a memory profile gives shares, and says the share as the server does', () => {
    const hot = (file: string, line: number, value: number) => ({ ...d(file, line), hot: { quantity: 'bytes', value, share: value / 1000 } });
    const g = heapGroups<HeapDecision>([hot('/p/a.go', 1, 0), hot('/p/b.go', 9, 880), d('/p/a.go', 5), hot('/p/a.go', 7, 50)]);
    assert.deepStrictEqual(g.own.map((x) => `${x.file}:${x.range.start.line}`), ['/p/b.go:9', '/p/a.go:7', '/p/a.go:1', '/p/a.go:5']);
    assert.strictEqual(shareWords(g.own[0].hot), '88% of bytes');
    assert.strictEqual(shareWords(g.own[1].hot), '5.0% of bytes');
    assert.strictEqual(shareWords({ quantity: 'bytes', value: 1, share: 0.0001 }), '<0.1% of bytes');
    assert.strictEqual(shareWords(undefined), '');
  });
});
