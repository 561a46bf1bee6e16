import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkCursor } from '../../../../server/src/text/chunks';

/** Every piece start after `from`, read one after the other as the extraction reads them. */
function chunkStarts(text: string, from: number, columnZero: boolean): number[] {
  const cursor = new ChunkCursor(text, from, columnZero);
  const starts: number[] = [];
  for (let start = cursor.after(from, 1); start < text.length; start = cursor.after(start, 1)) starts.push(start);
  return starts;
}

describe('ChunkCursor', () => {
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
