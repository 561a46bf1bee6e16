import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonPrefix, commonSuffix } from '../../../../server/src/text/commonEnds';

/** Character by character: what the stretch-wise comparison must equal. */
function slowPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function slowSuffix(a: string, b: string, skip: number): number {
  let i = 0;
  while (i < Math.min(a.length, b.length) - skip && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

describe('commonPrefix and commonSuffix', () => {
  it('find where two long texts differ, on either side of a stretch boundary', () => {
    const base = Array.from({ length: 9000 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('');
    for (const at of [0, 1, 2047, 2048, 2049, 4096, 8999]) {
      for (const insert of ['', 'X', 'Rome12 ', '😀']) {
        const edited = base.slice(0, at) + insert + base.slice(at + (insert === '' ? 1 : 0));
        const prefix = commonPrefix(base, edited);
        assert.equal(prefix, slowPrefix(base, edited), `prefix, edit at ${at} inserting ${JSON.stringify(insert)}`);
        assert.equal(commonSuffix(base, edited, prefix), slowSuffix(base, edited, prefix), `suffix, edit at ${at}`);
      }
    }
  });

  it('never counts a character in both: the suffix leaves the prefix out', () => {
    // "aaaa" -> "aaaaa": the whole old text is a prefix; the suffix may only use what is left.
    const a = 'a'.repeat(5000);
    const b = 'a'.repeat(5001);
    const prefix = commonPrefix(a, b);
    assert.equal(prefix, 5000);
    assert.equal(commonSuffix(a, b, prefix), 0);
    assert.equal(commonSuffix(a, b), 5000);
  });

  it('handles equal, empty and disjoint texts', () => {
    assert.equal(commonPrefix('', 'abc'), 0);
    assert.equal(commonPrefix('abc', 'abc'), 3);
    assert.equal(commonSuffix('abc', 'xyz'), 0);
    assert.equal(commonSuffix('', ''), 0);
  });
});
