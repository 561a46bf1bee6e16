import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProseBlock } from '../../../../server/src/text/proseBlock';
import {
  ProseExtractor,
  extractProse,
  proseSyntaxOf,
  wholeDocumentProse,
  type ProseSyntax,
} from '../../../../server/src/text/proseExtractor';
import { random } from './proseAssertions';

// Snippets with every construct whose extent a blank line does not end, and the ones that only
// look as if they went on: random documents and edits are built from them.
const SNIPPETS = [
  'Angela Merkel met **Emmanuel Macron** in [Paris](https://example.com/paris "City").',
  '# Barack Obama in Berlin',
  'Setext title\n===',
  '- item one with Ada Lovelace\n- item two\n\n  continued after a blank line\n\n      indented code in the item',
  '1. first\n\n2. second with `code` and $x^2$',
  '> quoted Nelson Mandela\n> more\n\n> another quote',
  '```python\nprint("Bill Gates")\n\n\nprint(2)\n```',
  '~~~~\nfence with ``` inside\n\n~~~\n~~~~',
  '```\nunclosed fence\n\nstill code',
  '    indented code\n\n    more code',
  '$$\nx = 1\n\ny = 2\n$$',
  '<!-- a comment\n\nwith Bill Gates\n-->',
  '<script>\nlet a;\n\nlet b;\n</script>',
  '<div>\nBill Gates in HTML\n</div>',
  '<?php\n\necho 1;\n?>',
  '| Name | City |\n|---|---|\n| Marie Curie | Warsaw |',
  '[ref]: https://example.org "Title"',
  'See [the docs][ref] and https://www.example.org/a or mail a@b.example.',
  '- ```\n  code in a list\n\n  more\n  ```\n- next',
  '> ```\n> quoted fence\n\nafter the quote',
  'Text with a hard break  \nand a backslash one\\\nend.',
  '* * *',
  '   ```\n   indented fence\n\n      ```',
  '<pre>\n\n</pre>',
  'Emoji 😀 Kofi Annan\r\nin Accra\r\n\r\nnext',
  'lone CR\rline\r\rnext',
  '   An indented paragraph about Eric Raymond,\n   as the Jargon File has them.',
];
const EDITS = ['\n', '\n\n', '```', '$$', '<!--', '-->', '    ', '- ', '> ', 'x', '|', '*', '`', '\r\n', '---\n', ' '];

function document(next: () => number, count: number): string {
  const parts = next() < 0.3 ? ['---\ntitle: Bill Gates\n\nauthor: x\n---'] : [];
  for (let i = 0; i < count; i++) parts.push(SNIPPETS[Math.floor(next() * SNIPPETS.length)]);
  return parts.join(next() < 0.8 ? '\n\n' : '\n');
}

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.3) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5));
  if (roll < 0.5) return text.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)] + text.slice(at);
  return text.slice(0, at) + EDITS[Math.floor(next() * EDITS.length)] + text.slice(at);
}

const plain = (blocks: ProseBlock[]) => blocks.map((b) => ({ start: b.start, text: b.text, runs: [...b.runs], cuts: [...b.cuts] }));

describe('ProseExtractor', () => {
  for (const syntax of ['markdown', 'plain'] as ProseSyntax[]) {
    it(`equals a whole-document extraction after random edits (${syntax})`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const next = random(seed);
        const extractor = new ProseExtractor();
        let text = document(next, 12);
        for (let step = 0; step < 30; step++) {
          assert.deepEqual(
            plain(extractor.blocks(text, syntax)),
            plain(wholeDocumentProse(text, syntax)),
            `seed ${seed} step ${step}: ${JSON.stringify(text)}`,
          );
          text = edit(text, next);
        }
      }
    });
  }

  for (const syntax of ['markdown', 'plain'] as ProseSyntax[]) {
    it(`from the extraction before each random edit, equals a whole-document extraction (${syntax})`, () => {
      for (let seed = 1; seed <= 60; seed++) {
        const next = random(seed * 7919);
        const extractor = new ProseExtractor();
        let text = document(next, 12);
        let previous = extractor.extract(text, syntax);
        for (let step = 0; step < 30; step++) {
          text = edit(text, next);
          const extraction = extractor.extract(text, syntax, previous);
          assert.deepEqual(
            plain(extraction.blocks),
            plain(wholeDocumentProse(text, syntax)),
            `seed ${seed} step ${step}: ${JSON.stringify(text)}`,
          );
          // Its pieces are where a walk from the start would have cut them.
          assert.deepEqual(extraction.pieceStarts, extractor.extract(text, syntax).pieceStarts, `seed ${seed} step ${step}: pieces`);
          previous = extraction;
        }
      }
    });
  }

  it('after an edit, reads only the pieces around it, and reuses the rest shifted', () => {
    const extractor = new ProseExtractor();
    const paragraphs = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} about Ada Lovelace.`);
    const before = extractor.extract(paragraphs.join('\n\n'), 'plain');
    const read = extractor.stats.piecesParsed + extractor.stats.piecesFromCache;
    paragraphs[100] = 'Paragraph 100 about Charles Babbage, longer now.';
    const after = extractor.extract(paragraphs.join('\n\n'), 'plain', before);
    const readAfter = extractor.stats.piecesParsed + extractor.stats.piecesFromCache - read;
    assert.ok(readAfter <= 3, `${readAfter} pieces read`);
    assert.equal(after.blocks[100].text, 'Paragraph 100 about Charles Babbage, longer now.');
    assert.ok(after.firstNew <= 100 && after.firstNew >= 99, `the first block not reused (${after.firstNew}) is at the edit`);
    assert.equal(before.firstNew, 0, 'an extraction from scratch reuses nothing');
    assert.equal(after.blocks[150].start, before.blocks[150].start + 'Charles Babbage, longer now'.length - 'Ada Lovelace'.length);
    assert.equal(extractor.extract(after.text, 'plain', after), after, 'an unchanged text is the same extraction');
  });

  it('after an edit in a paragraph indented as the Jargon File has them, reads only the pieces around it', () => {
    const extractor = new ProseExtractor();
    const paragraphs = Array.from({ length: 200 }, (_, i) => `   Paragraph ${i} about Ada Lovelace,\n   on two lines.`);
    const before = extractor.extract(paragraphs.join('\n\n'), 'plain');
    const read = extractor.stats.piecesParsed + extractor.stats.piecesFromCache;
    paragraphs[100] = `   Paragraph 100 about Charles Babbage,\n   on two lines.`;
    const after = extractor.extract(paragraphs.join('\n\n'), 'plain', before);
    const readAfter = extractor.stats.piecesParsed + extractor.stats.piecesFromCache - read;
    assert.ok(readAfter <= 3, `${readAfter} pieces read`);
    assert.ok(after.firstNew >= 99, `the first block not reused (${after.firstNew}) is at the edit`);
    // Emptying the line a piece starts on (its blanks before the edit stay) makes it a blank line.
    paragraphs[150] = '   \n   on two lines.';
    const emptied = extractor.extract(paragraphs.join('\n\n'), 'plain', after);
    assert.deepEqual(plain(emptied.blocks), plain(wholeDocumentProse(emptied.text, 'plain')));
  });

  it('re-parses only the piece an edit touched', () => {
    const extractor = new ProseExtractor();
    const paragraphs = Array.from({ length: 20 }, (_, i) => `Paragraph ${i} about Ada Lovelace.`);
    extractor.blocks(paragraphs.join('\n\n'), 'markdown');
    assert.equal(extractor.stats.piecesParsed, 20);
    paragraphs[7] = 'Paragraph 7 about Charles Babbage.';
    const blocks = extractor.blocks(paragraphs.join('\n\n'), 'markdown');
    assert.equal(extractor.stats.piecesParsed, 21);
    assert.equal(extractor.stats.piecesFromCache, 19);
    assert.equal(blocks[7].text, 'Paragraph 7 about Charles Babbage.');
  });

  it('joins the pieces of a fence left open, then splits them again once it is closed', () => {
    const extractor = new ProseExtractor();
    const tail = Array.from({ length: 16 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    const open = extractor.blocks(`Intro.\n\n\`\`\`\ncode\n\n${tail}`, 'markdown');
    assert.deepEqual(
      open.map((b) => b.text),
      ['Intro.'],
    );
    const closed = extractor.blocks(`Intro.\n\n\`\`\`\ncode\n\`\`\`\n\n${tail}`, 'markdown');
    assert.equal(closed.length, 17);
  });

  it('parses nothing after a fence that nothing closes: the rest of the document is code', () => {
    const extractor = new ProseExtractor();
    const tail = Array.from({ length: 64 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    for (const [i, fence] of ['```', '$$', '<!--', '<script>'].entries()) {
      const before = extractor.stats.piecesParsed;
      const blocks = extractor.blocks(`Intro ${i}.\n\n${fence}\ncode\n\n${tail}`, 'markdown');
      assert.deepEqual(
        blocks.map((b) => b.text),
        [`Intro ${i}.`],
      );
      assert.equal(extractor.stats.piecesParsed - before, 2, `${fence}: the intro and the piece that opens the block`);
    }
  });

  it('picks the syntax by language id, with the aliases of other clients', () => {
    assert.equal(proseSyntaxOf('markdown'), 'markdown');
    assert.equal(proseSyntaxOf('md'), 'markdown');
    assert.equal(proseSyntaxOf('plaintext'), 'plain');
    assert.equal(proseSyntaxOf('python'), 'plain');
    assert.deepEqual(
      extractProse('Use `Bill Gates` here', 'markdown').blocks.map((b) => b.text),
      ['Use here'],
    );
    assert.deepEqual(
      extractProse('Use `Bill Gates` here', 'text').blocks.map((b) => b.text),
      ['Use `Bill Gates` here'],
    );
  });
});
