import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitBlocks } from '../../../../server/src/text/blocks';

describe('splitBlocks', () => {
  it('splits paragraphs at blank lines and keeps their offsets', () => {
    const text = 'First para\nstill first.\n\nSecond.\n  \n\nThird';
    const blocks = splitBlocks(text);
    assert.deepEqual(
      blocks.map((b) => b.text),
      ['First para\nstill first.', 'Second.', 'Third'],
    );
    for (const block of blocks) assert.equal(text.slice(block.start, block.start + block.text.length), block.text);
  });

  it('handles CRLF and lone CR line ends', () => {
    const text = 'One\r\ntwo\r\n\r\nThree\r\rFour';
    const blocks = splitBlocks(text);
    assert.deepEqual(
      blocks.map((b) => b.text),
      ['One\r\ntwo', 'Three', 'Four'],
    );
    assert.equal(blocks[1].start, text.indexOf('Three'));
    assert.equal(blocks[2].start, text.indexOf('Four'));
  });

  it('skips leading blank lines and whitespace-only documents', () => {
    assert.deepEqual(splitBlocks('\n\n  \nHello'), [{ start: 5, text: 'Hello' }]);
    assert.deepEqual(splitBlocks('   \n\n\t\n'), []);
    assert.deepEqual(splitBlocks(''), []);
  });

  it('cuts an over-long paragraph at line ends, then spaces, without splitting surrogate pairs', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `Line ${i} with some words.`);
    const text = lines.join('\n');
    const blocks = splitBlocks(text, 100);
    assert.ok(blocks.length > 5);
    assert.equal(blocks.map((b) => b.text).join(''), text);
    for (const block of blocks) {
      assert.ok(block.text.length <= 100);
      assert.equal(text.slice(block.start, block.start + block.text.length), block.text);
    }
    const emoji = '😀'.repeat(60); // 120 UTF-16 units, no spaces, no line breaks
    const cut = splitBlocks(emoji, 51);
    assert.equal(cut.map((b) => b.text).join(''), emoji);
    for (const block of cut) assert.ok(!/^[\udc00-\udfff]/.test(block.text), 'a block starts with a low surrogate');
  });

  it('an edit in one paragraph leaves the other blocks identical', () => {
    const before = splitBlocks('Alpha one.\n\nBeta two.\n\nGamma three.');
    const after = splitBlocks('Alpha one.\n\nBeta two, edited.\n\nGamma three.');
    assert.equal(before[0].text, after[0].text);
    assert.notEqual(before[1].text, after[1].text);
    assert.equal(before[2].text, after[2].text);
  });
});
