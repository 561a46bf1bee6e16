import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeTokens, tokenEdits } from '../../../../server/src/features/tokenEncoding';
import { applyEdits, decodeTokens } from '../../../helpers/semanticTokens';

const legend = { tokenTypes: ['person', 'gpe', 'entity'], tokenModifiers: [] };
const typeOf = (label: string): number => ({ PERSON: 0, GPE: 1 })[label] ?? 2;

function entity(text: string, word: string, label: string, from = 0) {
  const start = text.indexOf(word, from);
  return { label, text: word, start, end: start + word.length };
}

describe('semantic token encoding', () => {
  it('encodes positions relative to the token before, in UTF-16 units', () => {
    const text = 'Ada in 😀 Paris and Rome.\nBob';
    const doc = TextDocument.create('u', 'plaintext', 1, text);
    const data = encodeTokens(
      doc,
      [entity(text, 'Ada', 'PERSON'), entity(text, 'Paris', 'GPE'), entity(text, 'Rome', 'LOC'), entity(text, 'Bob', 'PERSON')],
      typeOf,
    );
    assert.deepEqual(data, [0, 0, 3, 0, 0, 0, 10, 5, 1, 0, 0, 10, 4, 2, 0, 1, 0, 3, 0, 0]);
    assert.deepEqual(decodeTokens(data, legend)[1], { line: 0, character: 10, length: 5, type: 'gpe' });
  });

  it('splits an entity across a line break (LF or CRLF) into one token per line', () => {
    const text = 'Met Bill\r\nGates today';
    const doc = TextDocument.create('u', 'plaintext', 1, text);
    const tokens = decodeTokens(encodeTokens(doc, [entity(text, 'Bill\r\nGates', 'PERSON')], typeOf), legend);
    assert.deepEqual(tokens, [
      { line: 0, character: 4, length: 4, type: 'person' },
      { line: 1, character: 0, length: 5, type: 'person' },
    ]);
  });

  it('a delta is one edit between the common prefix and suffix, in whole tokens', () => {
    const before = [0, 0, 3, 0, 0, 0, 10, 5, 1, 0, 2, 0, 4, 0, 0, 0, 6, 3, 1, 0];
    const after = [0, 0, 3, 0, 0, 0, 10, 5, 1, 0, 1, 2, 3, 0, 0, 1, 0, 4, 0, 0, 0, 6, 3, 1, 0];
    const edits = tokenEdits(before, after);
    assert.deepEqual(edits, [{ start: 10, deleteCount: 5, data: [1, 2, 3, 0, 0, 1, 0, 4, 0, 0] }]);
    assert.deepEqual(applyEdits(before, edits), after);
    assert.deepEqual(tokenEdits(after, after), []);
  });

  it('deltas rebuild the new data whatever changed (random edits)', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const tokens = (count: number): number[] => Array.from({ length: count * 5 }, () => rand(3));
      const before = tokens(rand(6));
      const after = [...before];
      const at = rand(before.length / 5 + 1) * 5;
      after.splice(at, rand(2) * 5, ...tokens(rand(3)));
      assert.deepEqual(applyEdits(before, tokenEdits(before, after)), after, `round ${round}`);
    }
  });
});
