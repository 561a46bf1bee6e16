import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proseOf } from '../../../../server/src/analysis/documentState';

describe('proseOf', () => {
  it('after an edit, names the first window the edit may have changed, counting the windows of long paragraphs before it', () => {
    // Paragraphs long enough to be cut into sentence windows, then short ones.
    const long = (i: number): string =>
      Array.from({ length: 8 }, (_, k) => `Sentence ${k} of paragraph ${i} tells how Ada Lovelace read the notes again.`).join(' ');
    const paragraphs = [...Array.from({ length: 5 }, (_, i) => long(i)), ...Array.from({ length: 5 }, (_, i) => `Short paragraph ${i}.`)];
    const before = proseOf(paragraphs.join('\n\n'), 'plaintext');
    assert.equal(before.firstNew, 0, 'a first extraction reuses nothing');
    assert.ok(before.blocks.length > paragraphs.length, 'the long paragraphs are cut into windows');
    paragraphs[7] = 'Short paragraph about Grace Hopper.';
    const after = proseOf(paragraphs.join('\n\n'), 'plaintext', before);
    const edited = after.blocks.findIndex((b) => b.text.slice(b.coreFrom, b.coreTo).includes('Grace Hopper'));
    assert.ok(after.firstNew <= edited && after.firstNew >= edited - 3, `first new window ${after.firstNew}, edited window ${edited}`);
    assert.deepEqual(
      after.blocks.slice(0, after.firstNew).map((b) => b.text),
      before.blocks.slice(0, after.firstNew).map((b) => b.text),
      'the windows before it are the ones of the text before the edit',
    );
  });
});
