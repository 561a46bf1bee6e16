// Text-extraction benchmark (`npx tsx bench/textExtractionBench.ts`): the cost of extracting the
// prose of a ~300 KB Markdown document (code fences, links, tables, lists, quotes, math, front
// matter), in one run, as ratios against plain splitBlocks on the same text (what the server did
// before, measured in the same run):
//  1. a full extraction: one parse of the whole document, and a cold piece cache;
//  2. the extraction after a one-line edit, with the cache warm (what the server pays per edit);
//  3. the same for plain text;
//  4. LaTeX, reStructuredText, Typst, AsciiDoc and Org (documents grown from test/fixtures/formats;
//     AsciiDoc's and Org's from real documents): a full
//     extraction in ms per MB and the extraction after a one-line edit, beside Markdown's.
// Prints figures and ratios; asserts nothing.
import { splitBlocks } from '../server/src/text/blocks';
import { loadFormatParsers } from '../server/src/text/formats/parsers';
import type { ProseSyntax } from '../server/src/text/extraction';
import { ProseExtractor, wholeDocumentProse } from '../server/src/text/proseExtractor';
import { formatDocument, markdownDocument, proseEditAt } from './formatDocuments';

/** The fixtures the format documents grow from (written for the tests; formatEditBench grows real ones). */
const GROWN_FROM = {
  latex: 'paper.tex',
  restructuredtext: 'guide.rst',
  typst: 'report.typ',
  asciidoc: 'asciidoctor-readme.adoc',
  org: 'org-news.org',
};

const TARGET_CHARS = 300_000;
const RUNS = 15;
const EDITS = 60;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number): string => n.toFixed(2);

function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** Median time of `work` over `runs` runs, after one warm-up run. */
function measure(runs: number, work: (run: number) => unknown): number {
  work(-1);
  return median(Array.from({ length: runs }, (_, run) => time(() => work(run))));
}

/** The document with one word of a prose line near `at` changed (`run` picks the word). */
function editAt(text: string, at: number, run: number): string {
  const lineStart = text.lastIndexOf('\n', text.indexOf('According to', at)) + 1;
  return `${text.slice(0, lineStart)}Edit ${run} ${text.slice(lineStart)}`;
}

function report(name: string, baseline: number, figures: [string, number][]): void {
  console.log(`${name}: baseline splitBlocks ${fmt(baseline)} ms`);
  for (const [label, ms] of figures)
    console.log(`  ${label.padEnd(48)} ${fmt(ms).padStart(8)} ms  ${fmt(ms / baseline).padStart(7)} x baseline`);
}

/** Per format: a full extraction (cold cache) in ms per MB, and the extraction after a one-line edit. */
function formats(markdown: string): void {
  const rows: [string, number, number][] = [];
  for (const syntax of ['markdown', 'latex', 'restructuredtext', 'typst', 'asciidoc', 'org'] as ProseSyntax[]) {
    const text = syntax === 'markdown' ? markdown : formatDocument(syntax, GROWN_FROM[syntax as keyof typeof GROWN_FROM], TARGET_CHARS);
    // Org's parser takes seconds for a cold 300 KB document: fewer runs of it.
    const cold = measure(syntax === 'org' ? 2 : 5, () => new ProseExtractor().blocks(text, syntax));
    const warm = new ProseExtractor();
    let previous = warm.extract(text, syntax);
    const middle = Math.floor(text.length / 2);
    const edit = measure(EDITS, (run) => {
      previous = warm.extract(proseEditAt(text, middle, run + 5000), syntax, previous);
    });
    rows.push([`${syntax} (${Math.round(text.length / 1000)} KB)`, (cold * 1_000_000) / text.length, edit]);
  }
  const [, markdownPerMb, markdownEdit] = rows[0];
  console.log('Formats: full extraction (cold cache) per MB, and after a one-line edit in the middle (warm cache)');
  for (const [name, perMb, edit] of rows)
    console.log(
      `  ${name.padEnd(26)} ${fmt(perMb).padStart(9)} ms/MB  ${fmt(perMb / markdownPerMb).padStart(6)} x Markdown   edit ${fmt(edit).padStart(7)} ms  ${fmt(edit / markdownEdit).padStart(6)} x Markdown`,
    );
}

function main(): void {
  const text = markdownDocument(7, TARGET_CHARS);
  console.log(
    `Markdown document: ${text.length} characters, ${text.split('\n').length} lines, ${wholeDocumentProse(text, 'markdown').length} prose blocks`,
  );
  const baseline = measure(RUNS, () => splitBlocks(text));
  const whole = measure(RUNS, () => wholeDocumentProse(text, 'markdown'));
  const cold = measure(RUNS, () => new ProseExtractor().blocks(text, 'markdown'));
  const warm = new ProseExtractor();
  warm.blocks(text, 'markdown');
  const unchanged = measure(RUNS, () => warm.blocks(text, 'markdown'));
  // Each edit is new text: the piece it touched is parsed, every other piece comes from the cache.
  const middle = Math.floor(text.length / 2);
  const edited = measure(EDITS, (run) => warm.blocks(editAt(text, middle, run + 1000), 'markdown'));
  const editedBaseline = measure(EDITS, (run) => splitBlocks(editAt(text, middle, run + 2000)));
  // A fence being typed: until it is closed, the next fence line closes it (the code after it
  // becomes prose), or, with no fence line after it, the rest of the document is code.
  const openFence = (fence: string, run: number): string => `${text.slice(0, middle)}\n\n${fence}\n\n${editAt(text.slice(middle), 0, run)}`;
  const open = measure(EDITS, (run) => warm.blocks(openFence('```', run + 3000), 'markdown'));
  const openToEnd = measure(EDITS, (run) => warm.blocks(openFence('~~~~', run + 4000), 'markdown'));
  report('Markdown', baseline, [
    ['full: one parse of the whole document', whole],
    ['full: cold piece cache', cold],
    ['again, unchanged (warm cache)', unchanged],
    ['after a one-line edit (warm cache)', edited],
    ['splitBlocks after the same edit', editedBaseline],
    ['edit after an unclosed fence (a fence follows)', open],
    ['edit after an unclosed fence (none follows)', openToEnd],
  ]);

  const plain = text.replace(/[`*#|$[\]]/g, '');
  const plainBaseline = measure(RUNS, () => splitBlocks(plain));
  const plainWarm = new ProseExtractor();
  plainWarm.blocks(plain, 'plain');
  report('Plain text', plainBaseline, [
    ['full: cold piece cache', measure(RUNS, () => new ProseExtractor().blocks(plain, 'plain'))],
    ['after a one-line edit (warm cache)', measure(EDITS, (run) => plainWarm.blocks(editAt(plain, middle, run), 'plain'))],
  ]);
  formats(text);
}

void loadFormatParsers().then(main);
