import * as assert from 'assert';
import { AsmResult, functionSpans, listingLinesFor, renderListing, sourceLineFor } from '../asmModel';

const result: AsmResult = {
  function: 'basics.Sum', goarch: 'arm64', goos: 'linux',
  lines: [
    { text: 'TEXT basics.Sum size=30', line: null, file: null },
    { text: '\tMOVD\tR1, R2', line: 34, file: '/w/basics.go' },
    { text: '\tADD\tR0, R3', line: 36, file: '/w/basics.go' },
    { text: '\tCALL\tfmt.Sprint', line: 7, file: '/w/basics.go', inlined: 'Double' },
  ],
  sourceLines: { '34': [1], '36': [2], '7': [3] },
};

describe('assembly listing', () => {
  it('renders a header and the lines, tabs expanded', () => {
    assert.strictEqual(renderListing(result).split('\n')[0], '// basics.Sum — linux/arm64');
    assert.strictEqual(renderListing(result).split('\n')[2], '    MOVD    R1, R2');
  });
  it('maps both ways, counting the header line', () => {
    assert.deepStrictEqual(listingLinesFor(result, 36), [3]);
    assert.deepStrictEqual(listingLinesFor(result, 99), []);
    assert.strictEqual(sourceLineFor(result, 3), 36);
    assert.strictEqual(sourceLineFor(result, 1), undefined, 'the TEXT header has no source line');
    assert.strictEqual(sourceLineFor(result, 4), undefined, 'inlined code belongs to another function');
  });
  it('knows the listed function by its own lines, not those inlined into it', () => {
    assert.ok(functionSpans(result, 34) && functionSpans(result, 35) && functionSpans(result, 36));
    assert.ok(!functionSpans(result, 7), 'Double is inlined here, but the cursor in Double is in another function');
    assert.ok(!functionSpans(result, 40));
  });
});
