// LaTeX, reStructuredText and Typst: per format, a fixture (test/fixtures/formats/README.md) with
// the words that must reach spaCy at their exact offsets and the syntax that must never reach it;
// random documents and edits whose prose maps back character for character (CRLF, emoji, tabs)
// and whose incremental extraction equals one from scratch; an edit re-extracts one block.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadFormatParsers } from '../../../../server/src/text/formats/parsers';
import type { ProseBlock } from '../../../../server/src/text/proseBlock';
import { ProseExtractor, proseSyntaxOf, wholeDocumentProse, type ProseSyntax } from '../../../../server/src/text/proseExtractor';
import { assertExactMaps, assertKept, assertSkipped } from './proseAssertions';

const FIXTURES = join(__dirname, '../../../fixtures/formats');

interface FormatCase {
  syntax: ProseSyntax;
  file: string;
  /** Names spaCy must see, each at its exact document offset. */
  kept: string[];
  /** Regions of the document no prose may come from. */
  skipped: string[];
  /** Snippets random documents are built from. */
  snippets: string[];
}

const CASES: FormatCase[] = [
  {
    syntax: 'latex',
    file: 'paper.tex',
    kept: [
      'Ada Lovelace and the Engine',
      'Luigi Menabrea',
      'Charles Babbage',
      'London',
      'Menabrea lectured in Turin',
      'Henry Prevost Babbage',
      'Alan Turing',
      'Manchester',
      'Doron Swade',
      'Science Museum in London',
    ],
    skipped: [
      '\\documentclass[11pt]{article}',
      '\\usepackage{amsmath}',
      'Notes on the Analytical Engine',
      'sec:intro',
      'menabrea1842,toole1998',
      'https://www.fourmilab.ch/babbage/sketch.html',
      '% TODO: ask Mary Somerville about the Turin lecture',
      '$B_n = -\\frac{1}{n+1}',
      '\\sum_{k=0}^{n} \\binom{n+1}{k} B_k = 0 \\quad \\text{for } n \\geq 1',
      'engine-diagram',
      'fig:mill',
      'Operation 1: V1 x V2 -> V4 (Geneva)',
      'print("Paris")',
      '\\section',
      '\\emph',
      '\\begin{itemize}',
    ],
    snippets: [
      '\\section{Grace Hopper in Arlington}\nShe met \\emph{Howard Aiken} at Harvard.',
      'Math $x^2$ and \\cite{key} and \\ref{a}.\n\\begin{equation}\nE = mc^2\n\\end{equation}',
      '\\begin{itemize}\n\\item Ada in London\n\n\\item Alan in Manchester\n\\end{itemize}',
      '\\begin{verbatim}\nBerlin\n\nParis\n\\end{verbatim}',
      'Emoji 😀 Kofi Annan\r\nin Accra\r\n\r\nnext\tline',
      '% a comment about Madrid\nText with \\footnote{A note on Oslo.} tail.',
      '\\begin{tabular}{ll}\nHedy & Vienna \\\\\n\\end{tabular}',
      'Unclosed {group and \\textbf{bold',
    ],
  },
  {
    syntax: 'restructuredtext',
    file: 'guide.rst',
    kept: [
      'Installing the Corpus',
      'Grace Hopper',
      'Harvard University',
      'Katherine Johnson',
      'NASA Langley',
      'the reference',
      'the archive',
      'Margaret Hamilton',
      'Ada Lovelace',
      'Bletchley Park',
      'Hedy Lamarr',
      'Vienna',
      'Barbara Liskov',
    ],
    skipped: [
      '.. _install-guide:',
      ':Author: Samsara test fixture',
      '``tools``',
      'install-reference',
      'https://archive.example.org/corpus',
      'corpus.load("Berlin")',
      '$ corpus --city Paris',
      '.. |logo| image:: logo.png\n   :alt: Tokyo',
      '.. This comment mentions Madrid and must be skipped.',
      '+------------------+',
    ],
    snippets: [
      'Title\n=====\n\nGrace Hopper at *Harvard* in ``Boston``.',
      '.. note::\n\n   Katherine Johnson at NASA.',
      '.. code-block:: python\n\n   print("Berlin")\n\n   more = 1',
      '- Ada in London\n- Alan in Manchester',
      'See :ref:`the docs <target>` and `Paris <https://x.org>`_.',
      'Emoji 😀 Kofi Annan\r\nin Accra\r\n\r\nnext\tline',
      '::\n\n   literal Madrid\n\n   more',
      '.. a comment\n   about Oslo',
    ],
  },
  {
    syntax: 'typst',
    file: 'report.typ',
    kept: [
      'Report on the Zurich meeting',
      'Marie Curie',
      'Albert Einstein',
      'Brussels',
      'The conference in Brussels.',
      'Lisbon',
      'Lise Meitner',
      'Copenhagen',
      'Emmy Noether',
      'Göttingen',
    ],
    skipped: [
      '#set page(paper: "a4", margin: 2cm)',
      '"Linux Libertine"',
      '"Geneva"',
      '<intro>',
      '@solvay1911',
      '"solvay.png"',
      '$E = m c^2$',
      '$ sum_(k=0)^n k = (n(n+1)) / 2 $',
      'print("Paris")',
      '`raw Madrid`',
      '// a comment about Oslo',
      '/* a block comment about Tokyo */',
    ],
    snippets: [
      '= Grace Hopper in Arlington\nShe met *Howard Aiken* at Harvard.',
      'Math $x^2$ and @ref and <label>.\n$ E = m c^2 $',
      '- Ada in London\n\n- Alan in Manchester',
      '```\nBerlin\n\nParis\n```',
      'Emoji 😀 Kofi Annan\r\nin Accra\r\n\r\nnext\tline',
      '#figure(image("a.png"), caption: [A note on Oslo.])',
      '#let x = [unclosed\n\nstill inside',
      '#set text(lang: "de")\n#strong[Berlin] wall',
    ],
  },
];

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDITS = ['\n', '\n\n', '{', '}', '$', '[', ']', '`', '\\', '#', 'x', '\r\n', '😀', '\t', '::'];
const plain = (blocks: ProseBlock[]) => blocks.map((b) => ({ start: b.start, text: b.text, runs: [...b.runs], cuts: [...b.cuts] }));

before(() => loadFormatParsers());

for (const c of CASES) {
  describe(`${c.syntax} prose`, () => {
    const text = readFileSync(join(FIXTURES, c.file), 'utf8');

    it('keeps the fixture’s names at their offsets and never sends its syntax', () => {
      const blocks = new ProseExtractor().blocks(text, c.syntax);
      assertExactMaps(text, blocks);
      for (const word of c.kept) assertKept(text, blocks, word);
      for (const region of c.skipped) assertSkipped(text, blocks, region);
    });

    it('maps every prose character back, and extracts incrementally what it extracts from scratch', () => {
      const next = random(c.syntax.length * 7919);
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
  it('reads latex and tex as LaTeX, rst as reStructuredText, typst as Typst', () => {
    assert.equal(proseSyntaxOf('latex'), 'latex');
    assert.equal(proseSyntaxOf('tex'), 'latex');
    assert.equal(proseSyntaxOf('restructuredtext'), 'restructuredtext');
    assert.equal(proseSyntaxOf('rst'), 'restructuredtext');
    assert.equal(proseSyntaxOf('typst'), 'typst');
    assert.equal(proseSyntaxOf('python'), 'plain');
  });
});
