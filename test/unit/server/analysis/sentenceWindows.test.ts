import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceWindows } from '../../../../server/src/analysis/sentenceWindows';
import { documentSpan, type ProseBlock } from '../../../../server/src/text/proseBlock';

const block = (text: string, start = 100): ProseBlock => ({ start, text, runs: [0, 0], cuts: [] });

describe('sentence windows', () => {
  it('leaves a short block whole', () => {
    const short = block('Ada met Bob. Then they left.');
    assert.deepEqual(sentenceWindows(short, 5, 100), [short]);
  });

  it('cuts a long block at sentence ends into windows of at least the minimum, mapping back exactly', () => {
    const text = 'Angela Merkel visited Berlin today. Barack Obama stayed home again. Nobody went anywhere else.';
    const windows = sentenceWindows(block(text), 20, 40);
    assert.deepEqual(
      windows.map((w) => w.text),
      ['Angela Merkel visited Berlin today.', 'Barack Obama stayed home again.', 'Nobody went anywhere else.'],
    );
    const obama = windows[1];
    const span = documentSpan(obama, 0, 12);
    assert.ok(span);
    assert.equal(text.slice(span.start - 100, span.end - 100), 'Barack Obama');
  });

  it('never cuts after an abbreviation or before a lower-case word', () => {
    const text = 'We met Dr. Watson and the U.S. Army on Jan. 5 at noon. It was late, e.g. after six. and so on';
    assert.equal(sentenceWindows(block(text), 5, 20).length, 2, 'only after "noon."');
    assert.equal(sentenceWindows(block(text), 5, 20)[1].text, 'It was late, e.g. after six. and so on');
  });

  it('cuts Japanese and Chinese after 。！？ and their closing brackets, where no space follows, not inside a quote', () => {
    const text = '山田さんは東京で働いています。「明日は大阪へ行く！」と言いました。王芳住在北京？李明在上海工作。';
    const windows = sentenceWindows(block(text), 10, 20);
    assert.deepEqual(
      windows.map((w) => w.text),
      ['山田さんは東京で働いています。', '「明日は大阪へ行く！」と言いました。', '王芳住在北京？李明在上海工作。'],
    );
    assert.equal(windows.map((w) => w.text).join(''), text, 'nothing lost at a cut');
    assert.equal(documentSpan(windows[2], 0, 2)?.start, 100 + text.indexOf('王芳'));
    const spaced = '山田さんは東京で働いています。 田中さんは大阪に住んでいます。';
    assert.deepEqual(
      sentenceWindows(block(spaced), 5, 20).map((w) => w.text),
      ['山田さんは東京で働いています。', '田中さんは大阪に住んでいます。'],
    );
  });

  it('keeps a block without a sentence end whole', () => {
    const long = block('x'.repeat(1000));
    assert.deepEqual(sentenceWindows(long), [long]);
  });

  it('cuts the same text by the minimum it is asked with, and the same way again (the cuts are kept)', () => {
    const text = 'Angela Merkel visited Berlin today. Barack Obama stayed home again. Nobody went anywhere else.';
    const texts = (min: number): string[] => sentenceWindows(block(text), min, 40).map((w) => w.text);
    assert.equal(texts(20).length, 3);
    // At least 30 characters: the last sentence (26) stays with the one before it.
    assert.deepEqual(texts(30), ['Angela Merkel visited Berlin today.', 'Barack Obama stayed home again. Nobody went anywhere else.']);
    assert.deepEqual(texts(20), texts(20));
    // The same text in another block (shifted by an edit above it) is cut alike, at its own offsets.
    const shifted = sentenceWindows(block(text, 500), 20, 40);
    assert.deepEqual(
      shifted.map((w) => w.start - 500),
      sentenceWindows(block(text), 20, 40).map((w) => w.start - 100),
    );
  });
});
