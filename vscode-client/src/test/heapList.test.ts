import * as assert from 'assert';
import { heapGroups } from '../heapList';

const d = (file: string, line: number, kind = 'moved-to-heap') => ({ file, kind, message: `m${line}`, range: { start: { line, character: 0 } } });

describe('heap allocation list', () => {
  it('lists the package\'s own allocations first and its tests\' apart, in file and line order', () => {
    const g = heapGroups([d('/p/a_test.go', 3), d('/p/b.go', 9), d('/p/a.go', 5, 'heap-escape'), d('/p/a.go', 2), d('/p/a.go', 1, 'inlined-call')]);
    assert.deepStrictEqual(g.own.map((x) => `${x.file}:${x.range.start.line}`), ['/p/a.go:2', '/p/a.go:5', '/p/b.go:9']);
    assert.deepStrictEqual(g.tests.map((x) => `${x.file}:${x.range.start.line}`), ['/p/a_test.go:3']);
  });
});
