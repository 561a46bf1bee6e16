// Format benchmark (`npx tsx bench/formatBench.ts`), per format beside Markdown, in one run:
//  1. a one-line edit in a ~300 KB document -> the semantic tokens delta at the client, through
//     the real server and sidecar (one session, debounce 0), median of typed edits; documents
//     grown from the real fixtures (test/fixtures/formats/README.md), Markdown from
//     formatDocuments.ts;
//  2. fidelity: the entities Samsara shows against spaCy's `nlp()` on the whole text as the product
//     defines it for every format but plain text, as for Markdown (bench/fidelityBench.ts): each
//     block's extracted prose on its own (a heading, a table cell, a list item is not a sentence of
//     the paragraph next to it), exact label and span, on held-out real documents (formatCorpus.ts):
//     LaTeX News, the Docutils docs, and the fixtures (no Typst, AsciiDoc or Org corpus in a
//     registry). Beside it, for reading only, agreement with nlp(all blocks joined by blank lines):
//     what reading blocks apart changes (a table cell "Co-Founder" next to "Typst GmbH"), not a
//     fidelity figure: a format document's units never read across its blocks (analysisUnits.ts).
// Prints figures and ratios; asserts nothing. `--fidelity` runs the second section alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../server/src/analysis/analysisCache';
import { loadFormatParsers } from '../server/src/text/formats/parsers';
import { documentSpan, type ProseBlock } from '../server/src/text/proseBlock';
import { extractProse, proseSyntaxOf } from '../server/src/text/proseExtractor';
import { analyseText } from '../server/src/workspace/fileAnalysis';
import { semanticTokens, semanticTokensDelta } from '../test/helpers/entityRequests';
import type { LspTestClient } from '../test/helpers/lspClient';
import { requireRealSidecar } from '../test/helpers/paths';
import { fmt, median, startServer } from './benchUtil';
import { agreement, spacyOf, startPool, type Agreement } from './fidelityBench';
import { docutilsDocs, latexNews, type FormatDocument } from './formatCorpus';
import { formatDocument, markdownDocument, proseLineAfter } from './formatDocuments';

const TARGET_CHARS = 300_000;
const TYPED_EDITS = 15;
const FORMATS = [
  { languageId: 'markdown', file: '' },
  { languageId: 'latex', file: 'ltnews13.tex' },
  { languageId: 'restructuredtext', file: 'mailing-lists.rst' },
  { languageId: 'typst', file: 'charged-ieee.typ' },
  { languageId: 'asciidoc', file: 'asciidoctor-readme.adoc' },
  { languageId: 'org', file: 'org-news.org' },
] as const;

/** Median ms from didChange (a word typed at the start of a prose line mid-document) to the tokens delta. */
async function editLatency(client: LspTestClient, languageId: string, text: string): Promise<number> {
  const uri = `file:///bench/format.${languageId}`;
  const document = TextDocument.create(uri, languageId, 1, text);
  await client.open(uri, text, languageId);
  let resultId = (await semanticTokens(client, uri)).resultId ?? '';
  const at = document.positionAt(proseLineAfter(text, Math.floor(text.length / 2)));
  const times: number[] = [];
  for (let version = 2; version < TYPED_EDITS + 2; version++) {
    const start = performance.now();
    await client.change(uri, version, [{ range: { start: at, end: at }, text: `Rome${version} ` }]);
    const delta = await semanticTokensDelta(client, uri, resultId);
    times.push(performance.now() - start);
    resultId = delta.resultId ?? '';
  }
  await client.close(uri);
  return median(times);
}

async function edits(): Promise<void> {
  const client = await startServer({ analysis: { debounceMs: 0 } });
  const rows: [string, number, number][] = [];
  try {
    for (const { languageId, file } of FORMATS) {
      const text =
        languageId === 'markdown' ? markdownDocument(7, TARGET_CHARS) : formatDocument(proseSyntaxOf(languageId), file, TARGET_CHARS);
      rows.push([languageId, text.length, await editLatency(client, languageId, text)]);
    }
  } finally {
    await client.shutdown();
  }
  const markdown = rows[0][2];
  console.log(
    `1. one-line edit in a ~300 KB document -> semantic tokens delta (${TYPED_EDITS} typed edits, median; real server and sidecar)`,
  );
  for (const [languageId, chars, ms] of rows)
    console.log(
      `   ${`${languageId} (${fmt(chars / 1000, 0)} K)`.padEnd(26)} ${fmt(ms).padStart(7)} ms  ${fmt(ms / markdown, 2).padStart(5)} x Markdown`,
    );
}

/**
 * spaCy's entities of each document, as document spans ("label start end"), in one call: `blocks`
 * from nlp(each block's prose) (the product's whole text, as fidelityBench.ts reads Markdown),
 * `joined` from nlp(all blocks joined by blank lines), and the texts of the joined ones that cross
 * from one block into the next (no range of the document).
 */
function references(
  documents: readonly FormatDocument[],
  languageId: string,
): { blocks: string[][]; joined: string[][]; crossing: string[] } {
  const crossing: string[] = [];
  const extractions = documents.map((d) => extractProse(d.text, languageId).blocks);
  const joinedTexts = extractions.map((blocks) => blocks.map((b) => b.text).join('\n\n'));
  const found = spacyOf([...joinedTexts, ...extractions.flat().map((b) => b.text)]);
  const spanOf = (block: ProseBlock, label: string, start: number, end: number): string[] => {
    const span = documentSpan(block, start, end);
    return span ? [`${label} ${span.start} ${span.end}`] : [];
  };
  let next = documents.length;
  const blocks = extractions.map((list) => list.flatMap((block) => found[next++].flatMap(([l, s, e]) => spanOf(block, l, s, e))));
  const joined = extractions.map((list, i) => {
    const starts: number[] = [];
    let at = 0;
    for (const block of list) {
      starts.push(at);
      at += block.text.length + 2;
    }
    return found[i].flatMap(([label, start, end]) => {
      let b = starts.length - 1;
      while (b > 0 && starts[b] > start) b--;
      // A name across two blocks is no range of the document: a reference entity Samsara cannot show.
      if (end > starts[b] + list[b].text.length) {
        crossing.push(`${label} "${joinedTexts[i].slice(start, end).replace(/\s+/g, ' ')}"`);
        return [];
      }
      return spanOf(list[b], label, start - starts[b], end - starts[b]);
    });
  });
  return { blocks, joined, crossing };
}

async function fidelity(): Promise<void> {
  const corpora: [string, string, FormatDocument[]][] = [
    ['latex', 'LaTeX News, all issues but the fixture (texlive-latex-base-doc)', latexNews(TARGET_CHARS)],
    ['restructuredtext', 'the Docutils documentation (docutils-doc)', docutilsDocs(TARGET_CHARS)],
    [
      'typst',
      "Typst's charged-ieee sample paper (the fixture; no held-out corpus)",
      [{ name: 'charged-ieee.typ', text: readFileSync(join(__dirname, '../test/fixtures/formats/charged-ieee.typ'), 'utf8') }],
    ],
    [
      'asciidoc',
      "Asciidoctor's README and syntax reference (the fixtures; no held-out corpus)",
      [
        {
          name: 'asciidoctor-readme.adoc',
          text: readFileSync(join(__dirname, '../test/fixtures/formats/asciidoctor-readme.adoc'), 'utf8'),
        },
        {
          name: 'asciidoctor-syntax.adoc',
          text: readFileSync(join(__dirname, '../test/fixtures/formats/asciidoctor-syntax.adoc'), 'utf8'),
        },
      ],
    ],
    [
      'org',
      "Emacs's ORG-NEWS excerpts and notes.org (the fixtures; no held-out corpus)",
      [
        { name: 'org-news.org', text: readFileSync(join(__dirname, '../test/fixtures/formats/org-news.org'), 'utf8') },
        { name: 'notes.org', text: readFileSync(join(__dirname, '../test/fixtures/formats/notes.org'), 'utf8') },
      ],
    ],
  ];
  const pool = await startPool();
  console.log(
    "\n2. fidelity: entities Samsara shows against nlp(each block's extracted prose), as for Markdown; exact label and span, every label",
  );
  try {
    for (const [languageId, name, documents] of corpora) {
      const reference = references(documents, languageId);
      let samsara: string[] = [];
      let spacy: string[] = [];
      let joined: string[] = [];
      let text = '';
      for (const [i, d] of documents.entries()) {
        const cache = new AnalysisCache((texts) => pool.analyzeWithRules(texts));
        const entities = await analyseText(d.text, languageId, cache, { group: d.name, priority: 'background' });
        // One text for the examples: the documents' spans shifted past the ones before.
        const shift = (span: string) =>
          span.replace(/ (\d+) (\d+)$/, (_m, s: string, e: string) => ` ${Number(s) + text.length} ${Number(e) + text.length}`);
        samsara = samsara.concat(entities.map((e) => shift(`${e.label} ${e.start} ${e.end}`)));
        spacy = spacy.concat(reference.blocks[i].map(shift));
        joined = joined.concat(reference.joined[i].map(shift));
        text += d.text;
      }
      const chars = documents.reduce((sum, d) => sum + d.text.length, 0);
      const result = agreement(text, samsara, spacy);
      console.log(`   ${languageId}: ${name}, ${documents.length} documents, ${fmt(chars / 1000, 0)} K characters: ${figures(result)}`);
      for (const example of result.examples) console.log(`      ${example}`);
      const apart = agreement(text, samsara, joined);
      console.log(`      for reading, against nlp(all blocks joined by blank lines): ${figures(apart)}`);
      for (const side of ['only Samsara', 'only spaCy'])
        for (const example of apart.examples.filter((e) => e.startsWith(side)).slice(0, 2)) console.log(`         ${example}`);
      if (reference.crossing.length > 0)
        console.log(
          `         and ${reference.crossing.length} of its entities cross from one block into the next (no range to show), e.g. ${reference.crossing.slice(0, 3).join(', ')}`,
        );
    }
  } finally {
    await pool.dispose();
  }
}

function figures(result: Agreement): string {
  return `precision ${fmt(result.precision, 4)}, recall ${fmt(result.recall, 4)} (${result.samsara} entities, spaCy ${result.spacy})`;
}

async function main(): Promise<void> {
  requireRealSidecar();
  await loadFormatParsers();
  // `--fidelity`: the second section alone.
  if (!process.argv.includes('--fidelity')) await edits();
  await fidelity();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
