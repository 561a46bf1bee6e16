// Org prose beyond the fixture tables (formats.test.ts): which keywords are prose, a source block
// with a blank line inside it across pieces, and the bounds that keep a hostile piece from
// blocking the server (org-mode-ast cannot be stopped once started): such a piece sends nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ORG_BRACKETS, MAX_ORG_PIECE_CHARS, MAX_ORG_WORD_CHARS, orgProse } from '../../../../server/src/text/formats/orgProse';
import { ProseExtractor } from '../../../../server/src/text/proseExtractor';
import { documentSpan } from '../../../../server/src/text/proseBlock';
import { assertExactMaps, texts } from './proseAssertions';

describe('Org prose', () => {
  it('keeps the title, subtitle and caption values and no other keyword', () => {
    const text =
      '#+TITLE: Ada in London\n#+SUBTITLE: Notes from Turin\n#+AUTHOR: Alan Turing\n#+DATE: 1843\n#+CAPTION: The Engine in Kensington\n| a |';
    const blocks = orgProse(text).blocks;
    assertExactMaps(text, blocks);
    assert.deepEqual(texts(blocks), ['Ada in London', 'Notes from Turin', 'The Engine in Kensington', 'a']);
  });

  it('drops a source block whose body holds a blank line, across the pieces it spans', () => {
    const text = 'Before Berlin.\n\n#+begin_src python\nprint("Paris")\n\nprint("Rome")\n#+end_src\n\nAfter Vienna.';
    const blocks = new ProseExtractor().blocks(text, 'org');
    assertExactMaps(text, blocks);
    assert.deepEqual(texts(blocks), ['Before Berlin.', 'After Vienna.']);
  });

  it('drops a closed drawer, and reads a drawer that never closes as a paragraph', () => {
    assert.deepEqual(texts(new ProseExtractor().blocks(':NOTES:\nMadrid\n:END:\nLima', 'org')), ['Lima']);
    assert.ok(texts(new ProseExtractor().blocks(':NOTES:\nMadrid', 'org')).join(' ').includes('Madrid'));
  });

  it('keeps no text where the parser’s positions slipped (a list from ORG-NEWS): no word is cut in two', () => {
    const text = [
      '- Allow =latexmk= as an option for [[doc:org-latex-pdf-process][org-latex-pdf-process]]',
      '- When using =\\usepackage[AUTO]{babel}=, AUTO will automatically be',
      '  replaced with a value compatible with ~org-export-default-language~',
      '  or ~LANGUAGE~ keyword.',
      '- The dependency on the =latexsym= LaTeX package has been removed, we',
      '  now use =amssymb= symbols by default instead.',
    ].join('\n');
    const blocks = orgProse(text).blocks;
    assertExactMaps(text, blocks);
    assert.ok(texts(blocks).includes('Allow as an option for org-latex-pdf-process'), JSON.stringify(texts(blocks)));
    for (const block of blocks) {
      for (const word of block.text.matchAll(/\p{L}+/gu)) {
        const span = documentSpan(block, word.index, word.index + word[0].length);
        assert.ok(span, `${word[0]} maps back`);
        const around = (text[span.start - 1] ?? ' ') + (text[span.end] ?? ' ');
        assert.doesNotMatch(around, /\p{L}/u, `${JSON.stringify(word[0])} is part of a longer word in ${JSON.stringify(block.text)}`);
      }
    }
  });

  it('sends nothing for a piece too long, with too many brackets or too long a word to parse within the budget', () => {
    const brackets = '] ['.repeat(MAX_ORG_BRACKETS) + ' Berlin';
    assert.deepEqual(orgProse(brackets).blocks, []);
    assert.deepEqual(orgProse(`Berlin ${'a-'.repeat(MAX_ORG_WORD_CHARS)}`).blocks, []);
    const long = 'Berlin is far. '.repeat(Math.ceil(MAX_ORG_PIECE_CHARS / 15) + 1);
    assert.deepEqual(orgProse(long).blocks, []);
    // Just under the bounds, the same words are prose.
    assert.ok(orgProse(long.slice(0, MAX_ORG_PIECE_CHARS)).blocks.length > 0);
  });
});
