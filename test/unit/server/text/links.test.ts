import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findLinks } from '../../../../server/src/text/links';

function links(text: string): string[] {
  const found = findLinks(text);
  const out: string[] = [];
  for (let i = 0; i < found.length; i += 2) out.push(text.slice(found[i], found[i + 1]));
  return out;
}

describe('findLinks', () => {
  it('finds URLs with a scheme, www. links, mailto: and e-mail addresses', () => {
    assert.deepEqual(links('Go to https://example.org/a?b=1#c, ftp://files.example or www.example.org.'), [
      'https://example.org/a?b=1#c',
      'ftp://files.example',
      'www.example.org',
    ]);
    assert.deepEqual(links('Write to bill.gates+news@example.co.uk or mailto:ada@example.org!'), [
      'bill.gates+news@example.co.uk',
      'mailto:ada@example.org',
    ]);
  });

  it('keeps brackets the link opened and leaves sentence punctuation out', () => {
    assert.deepEqual(links('(see https://en.wikipedia.org/wiki/Mercury_(planet)).'), ['https://en.wikipedia.org/wiki/Mercury_(planet)']);
    assert.deepEqual(links('"https://example.org/x";'), ['https://example.org/x']);
  });

  it('finds nothing in prose without links', () => {
    assert.deepEqual(links('At 3:30, e.g. Node.js met Ada @ home: fine.'), []);
  });

  it('reads a long word without a link in one pass', () => {
    const word = 'a'.repeat(100_000);
    assert.deepEqual(links(`${word}: ${word}@ ${word}.${word}`), []);
    assert.deepEqual(links(`x ${word}@example.org`), [`${'a'.repeat(64)}@example.org`]);
  });
});
