import * as assert from 'assert';
import { compareItems, differenceLine, withCompareChoice } from '../compare';

describe('compare', () => {
  const choices = {
    current: {},
    releases: [{ release: '1.27', version: 'go1.27.3', go: '/g/1.27/bin/go' }, { release: '1.23', version: 'go1.23.5', go: '/usr/lib/go-1.23/bin/go' }],
    goarch: ['amd64', 'arm64'],
  };
  it('offers the installed releases, architectures and GOAMD64 levels', () => {
    const items = compareItems(choices, undefined);
    assert.deepStrictEqual(items.slice(0, 3).map((i) => [i.label, i.value]), [['go1.27', '1.27'], ['go1.23', '1.23'], ['GOARCH=amd64', 'goarch=amd64']]);
    assert.ok(items.some((i) => i.label === 'GOAMD64=v3' && i.value === 'GOAMD64=v3'));
    assert.ok(!items.some((i) => i.label === 'Stop comparing'));
  });
  it('offers to stop and marks the build compared now', () => {
    const items = compareItems(choices, 'go1.27');
    assert.deepStrictEqual([items[0].label, items[0].value], ['Stop comparing', '']);
    assert.strictEqual(items.find((i) => i.label === 'go1.27')?.description, 'compared now');
  });
  it('puts the choice into the server section without touching the settings', () => {
    const section = { gcflags: '-l', compareWith: 'arm64' };
    assert.deepStrictEqual(withCompareChoice(section, '1.27'), { gcflags: '-l', compareWith: '1.27' });
    assert.deepStrictEqual(withCompareChoice(section, ''), { gcflags: '-l', compareWith: '' });
    assert.strictEqual(withCompareChoice(section, undefined), section);
    assert.strictEqual(section.compareWith, 'arm64');
  });
  it('lists a difference with both builds in their words', () => {
    const line = differenceLine({
      uri: 'file:///m/r.go', range: { start: { line: 9, character: 6 }, end: { line: 9, character: 20 } }, function: 'Sum',
      change: 'changed', kind: 'no-escape', a: 'make([]int, n) escapes to heap', b: 'make([]int, n) does not escape', hint: '≠ go1.27: stack',
    }, 'go1.27');
    assert.deepStrictEqual(line, {
      label: 'Sum: go1.27: stack',
      detail: 'go1.27: make([]int, n) does not escape   ·   this build: make([]int, n) escapes to heap',
    });
    const gone = differenceLine({ uri: 'file:///m/r.go', range: { start: { line: 28, character: 0 }, end: { line: 28, character: 1 } },
      function: 'LogSum', change: 'only-a', kind: 'bounds-check', a: 'Found IsSliceInBounds', hint: '≠ go1.27: no bounds check' }, 'go1.27');
    assert.deepStrictEqual(gone, { label: 'LogSum: go1.27: no bounds check', detail: 'go1.27: —   ·   this build: Found IsSliceInBounds' });
  });
});
