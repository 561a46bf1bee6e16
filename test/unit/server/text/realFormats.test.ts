// Real documents of each format (test/fixtures/formats/realDocuments.ts): their prose reaches
// spaCy at its exact offsets and none of their syntax does. And what those documents showed the
// extractors got wrong: LaTeX's ties, accents and hyphens, the title and abstract a Typst
// document gives its template, and a Typst syntax error that took in the rest of the document.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadFormatParsers } from '../../../../server/src/text/formats/parsers';
import { documentSpan } from '../../../../server/src/text/proseBlock';
import { ProseExtractor, wholeDocumentProse } from '../../../../server/src/text/proseExtractor';
import { FIXTURES } from '../../../fixtures/formats/formatCases';
import { REAL_DOCUMENTS } from '../../../fixtures/formats/realDocuments';
import { assertExactMaps, assertKept, assertSkipped, texts } from './proseAssertions';

before(() => loadFormatParsers());

describe('real documents', () => {
  for (const d of REAL_DOCUMENTS) {
    it(`${d.file}: keeps its prose at its offsets and never sends its syntax`, () => {
      const text = readFileSync(join(FIXTURES, d.file), 'utf8');
      const blocks = new ProseExtractor().blocks(text, d.syntax);
      assertExactMaps(text, blocks);
      for (const word of d.kept) assertKept(text, blocks, word);
      for (const region of d.skipped) assertSkipped(text, blocks, region);
    });
  }
});

describe('what the real documents showed', () => {
  it('LaTeX: a tie reads as a space inside one range, an accent and a hyphen stay in their word', () => {
    const text = 'Released June~2000 by Hana Skoumalov\\\'a and G\\"{o}del, a 12-monthly cycle.';
    const blocks = new ProseExtractor().blocks(text, 'latex');
    assert.deepEqual(texts(blocks), ['Released June 2000 by Hana Skoumalova and Godel, a 12-monthly cycle.']);
    const prose = blocks[0].text;
    const range = (word: string) => {
      const at = prose.indexOf(word);
      const span = documentSpan(blocks[0], at, at + word.length);
      return span && text.slice(span.start, span.end);
    };
    assert.equal(range('June 2000'), 'June~2000');
    assert.equal(range('Hana Skoumalova'), "Hana Skoumalov\\'a");
  });

  it('Typst: the content a show rule passes to its template is prose, its closures are not', () => {
    const text = [
      '#show: ieee.with(title: [A Paper from Berlin], authors: ((name: "Martin Haug", location: [Zurich]),))',
      '#show heading: it => [Chapter #it.body in Madrid]',
      '',
      'Body text.',
    ].join('\n');
    assert.deepEqual(texts(new ProseExtractor().blocks(text, 'typst')), ['A Paper from Berlin', 'Zurich', 'Body text.']);
  });

  it('Typst: a syntax error that closes nothing stays in its piece, so an edit after it parses one piece', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Lise Meitner wrote from Stockholm (${i}).`);
    paragraphs[5] = '#table(fill: (x, y) => if y > 0 and0 calc.rem(y, 2) == 0 { red }, [Oslo])';
    const text = paragraphs.join('\n\n');
    const extractor = new ProseExtractor();
    const first = extractor.extract(text, 'typst');
    assert.equal(first.pieceStarts.length, 40, 'one piece per paragraph');
    const at = text.indexOf('(30)');
    const edited = extractor.extract(`${text.slice(0, at)}Berlin ${text.slice(at)}`, 'typst', first);
    assert.equal(edited.firstNew, edited.blocks.length - 10, 'the blocks before the edited paragraph come from the previous extraction');
    assert.deepEqual(texts(edited.blocks), texts(wholeDocumentProse(edited.text, 'typst')));
  });
});
