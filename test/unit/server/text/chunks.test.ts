import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkStarts } from '../../../../server/src/text/chunks';

describe('chunkStarts', () => {
  it('starts a piece after blank lines, in column 0 for Markdown', () => {
    const text = 'a\n\nb\r\n \r\nc\n\n  d\n\n\te\r\rf\n\n';
    assert.deepEqual(
      chunkStarts(text, 0, true).map((i) => text[i]),
      ['b', 'c', 'f'],
    );
    assert.deepEqual(
      chunkStarts(text, 0, false).map((i) => text[i]),
      ['b', 'c', ' ', '\t', 'f'],
    );
    assert.deepEqual(
      chunkStarts(text, 4, true).map((i) => text[i]),
      ['c', 'f'],
    );
  });

  it('does not take a line with spaces and a form feed for blank in Markdown', () => {
    assert.deepEqual(chunkStarts('a\n\f\nb', 0, true), []);
  });
});
