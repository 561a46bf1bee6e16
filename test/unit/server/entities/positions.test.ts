import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isValidSpan, rangeAt } from '../../../../server/src/entities/positions';

describe('positions', () => {
  it('counts an emoji before an entity as two UTF-16 units', () => {
    const text = '😀 Google paid';
    const doc = TextDocument.create('file:///a', 'plaintext', 1, text);
    const start = text.indexOf('Google');
    assert.equal(start, 3);
    assert.deepEqual(rangeAt(doc, start, start + 6), { start: { line: 0, character: 3 }, end: { line: 0, character: 9 } });
  });

  it('is CRLF-safe', () => {
    const text = 'first line\r\nsecond Paris\r\n';
    const doc = TextDocument.create('file:///a', 'plaintext', 1, text);
    const start = text.indexOf('Paris');
    assert.deepEqual(rangeAt(doc, start, start + 5), { start: { line: 1, character: 7 }, end: { line: 1, character: 12 } });
  });

  it('rejects spans outside the text or cutting a surrogate pair', () => {
    const text = 'a😀b';
    assert.equal(isValidSpan(text, 0, 1), true);
    assert.equal(isValidSpan(text, 1, 3), true);
    assert.equal(isValidSpan(text, 2, 3), false);
    assert.equal(isValidSpan(text, 1, 2), false);
    assert.equal(isValidSpan(text, 3, 5), false);
    assert.equal(isValidSpan(text, 2, 2), false);
    assert.equal(isValidSpan(text, -1, 1), false);
  });
});
