// LaTeX, reStructuredText, Typst, AsciiDoc and Org: per format, a fixture (test/fixtures/formats/README.md) with
// the words that must reach spaCy at their exact offsets and the syntax that must never reach it;
// random documents and edits whose prose maps back character for character (CRLF, emoji, tabs)
// and whose incremental extraction equals one from scratch; an edit re-extracts one block.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadFormatParsers } from '../../../../server/src/text/formats/parsers';
import type { ProseBlock } from '../../../../server/src/text/proseBlock';
import { ProseExtractor, proseSyntaxOf, wholeDocumentProse } from '../../../../server/src/text/proseExtractor';
import { CASES, FIXTURES } from '../../../fixtures/formats/formatCases';
import { assertExactMaps, assertKept, assertSkipped, random } from './proseAssertions';

const EDITS = ['\n', '\n\n', '{', '}', '$', '[', ']', '`', '\\', '#', 'x', '\r\n', '😀', '\t', '::'];
const plain = (blocks: ProseBlock[]) => blocks.map((b) => ({ start: b.start, text: b.text, runs: [...b.runs], cuts: [...b.cuts] }));

before(() => loadFormatParsers());

for (const c of CASES) {
  describe(`${c.syntax} prose (${c.file})`, () => {
    const text = readFileSync(join(FIXTURES, c.file), 'utf8');

    it('keeps the fixture’s names at their offsets and never sends its syntax', () => {
      const blocks = new ProseExtractor().blocks(text, c.syntax);
      assertExactMaps(text, blocks);
      for (const word of c.kept) assertKept(text, blocks, word);
      for (const region of c.skipped) assertSkipped(text, blocks, region);
    });

    it('maps every prose character back, and extracts incrementally what it extracts from scratch', () => {
      const next = random((c.syntax.length + c.file.length) * 7919);
      const extractor = new ProseExtractor();
      for (let round = 0; round < 40; round++) {
        const parts: string[] = [];
        for (let i = 0; i < 6; i++) parts.push(c.snippets[Math.floor(next() * c.snippets.length)]);
        let doc = parts.join(next() < 0.8 ? '\n\n' : '\r\n\r\n');
        let previous = extractor.extract(doc, c.syntax);
        for (let step = 0; step < 5; step++) {
          const at = Math.floor(next() * (doc.length + 1));
          doc =
            next() < 0.3
              ? doc.slice(0, at) + doc.slice(at + 1 + Math.floor(next() * 4))
              : doc.slice(0, at) + EDITS[Math.floor(next() * EDITS.length)] + doc.slice(at);
          const incremental = extractor.extract(doc, c.syntax, previous);
          assertExactMaps(doc, incremental.blocks);
          assert.deepEqual(plain(incremental.blocks), plain(new ProseExtractor().blocks(doc, c.syntax)), JSON.stringify(doc));
          previous = incremental;
        }
      }
    });

    it('re-extracts only the paragraph an edit touched', () => {
      const long = Array.from({ length: 30 }, (_, i) => `${c.snippets[0]} (${i})`).join('\n\n');
      const extractor = new ProseExtractor();
      const first = extractor.extract(long, c.syntax);
      const at = long.indexOf('(15)');
      const edited = extractor.extract(`${long.slice(0, at)}Berlin ${long.slice(at)}`, c.syntax, first);
      const changed = edited.blocks.filter((block, i) => block.text !== first.blocks[i]?.text);
      assert.equal(changed.length, 1, JSON.stringify(changed));
      assert.ok(edited.firstNew > 0, 'the blocks before the edit come from the previous extraction');
      assert.deepEqual(plain(edited.blocks), plain(wholeDocumentProse(edited.text, c.syntax)));
    });
  });
}

describe('format of a language id', () => {
  it('reads latex and tex as LaTeX, rst as reStructuredText, typst as Typst, adoc as AsciiDoc, org as Org', () => {
    assert.equal(proseSyntaxOf('latex'), 'latex');
    assert.equal(proseSyntaxOf('tex'), 'latex');
    assert.equal(proseSyntaxOf('restructuredtext'), 'restructuredtext');
    assert.equal(proseSyntaxOf('rst'), 'restructuredtext');
    assert.equal(proseSyntaxOf('typst'), 'typst');
    assert.equal(proseSyntaxOf('asciidoc'), 'asciidoc');
    assert.equal(proseSyntaxOf('adoc'), 'asciidoc');
    assert.equal(proseSyntaxOf('org'), 'org');
    assert.equal(proseSyntaxOf('python'), 'plain');
  });
});
