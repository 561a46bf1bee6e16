import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitBlocks } from '../../../../server/src/text/blocks';
import { plainProse } from '../../../../server/src/text/plainProse';
import { assertExactMaps, assertKept, assertSkipped, texts } from './proseAssertions';

describe('plainProse', () => {
  it('cuts paragraphs as splitBlocks does, at the same offsets', () => {
    const text = 'First para\r\nstill first.\r\n\r\n  Second.\n  \n\nThird\r\rFourth';
    const blocks = plainProse(text);
    assert.deepEqual(
      blocks.map((b) => [b.start, b.text]),
      splitBlocks(text).map((b) => [b.start, b.text]),
    );
    assertExactMaps(text, blocks);
  });

  it('leaves URLs and e-mail addresses out and keeps Markdown-looking text', () => {
    const text = 'Ask **Bill Gates** (bill@example.com) or see https://example.org/Steve_Jobs. 😀 Ada `Lovelace`.';
    const blocks = plainProse(text);
    assertSkipped(text, blocks, 'bill@example.com');
    assertSkipped(text, blocks, 'https://example.org/Steve_Jobs');
    assertKept(text, blocks, '**Bill Gates**');
    assertKept(text, blocks, '😀 Ada `Lovelace`.');
    assertExactMaps(text, blocks);
    assert.deepEqual(texts(blocks), ['Ask **Bill Gates** ( ) or see . 😀 Ada `Lovelace`.']);
  });
});
