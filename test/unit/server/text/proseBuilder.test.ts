import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentSpan } from '../../../../server/src/text/proseBlock';
import { ProseBuilder } from '../../../../server/src/text/proseBuilder';
import { assertExactMaps, texts } from './proseAssertions';

/** Keeps the given [from, to) ranges of `source`, a `null` standing for a cut. */
function build(source: string, ranges: ([number, number] | null)[], max?: number) {
  const builder = new ProseBuilder(source, max);
  for (const range of ranges) {
    if (range) builder.keep(range[0], range[1]);
    else builder.cut();
  }
  const blocks = builder.finish();
  assertExactMaps(source, blocks);
  return blocks;
}

describe('ProseBuilder', () => {
  it('joins stretches split by marks, and separates stretches split by a cut', () => {
    const source = '**Bill** Gates';
    assert.deepEqual(
      texts(
        build(source, [
          [2, 6],
          [8, 14],
        ]),
      ),
      ['Bill Gates'],
    );
    const code = 'Bill`x`Gates';
    const [block] = build(code, [[0, 4], null, [7, 12]]);
    assert.equal(block.text, 'Bill Gates', 'a space where the code stood');
    assert.deepEqual(block.cuts, [5]);
    assert.equal(documentSpan(block, 0, 10), undefined);
    assert.deepEqual(documentSpan(block, 5, 10), { start: 7, end: 12 });
  });

  it('drops white space that syntax left at the start, the end, and twice in a row', () => {
    const source = '  > Ada `x`  Lovelace   ';
    assert.deepEqual(texts(build(source, [[0, 2], [3, 8], null, [11, 24]])), ['Ada Lovelace']);
  });

  it('leaves URLs and e-mail addresses out, with a cut', () => {
    const source = 'See https://example.org/Bill_Gates or bill@example.com now';
    const [block] = build(source, [[0, source.length]]);
    assert.equal(block.text, 'See or now');
    assert.deepEqual(block.cuts, [4, 7]);
  });

  it('cuts an over-long block at line ends, keeping every offset', () => {
    const source = Array.from({ length: 40 }, (_, i) => `Line ${i} of *Ada*.`).join('\n');
    const ranges: [number, number][] = [];
    for (let at = 0; at < source.length; ) {
      const star = source.indexOf('*', at);
      ranges.push([at, star < 0 ? source.length : star]);
      at = star < 0 ? source.length : star + 1;
    }
    const blocks = build(source, ranges, 100);
    assert.ok(blocks.length > 5);
    assert.ok(blocks.every((block) => block.text.length <= 100));
    assert.equal(blocks.map((b) => b.text).join(''), source.replace(/\*/g, ''));
  });

  it('makes no block of white space only', () => {
    assert.deepEqual(build('   \n  ', [[0, 6]]), []);
  });
});
