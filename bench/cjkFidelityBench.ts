// Fidelity for Japanese and Chinese: the entities Samsara keeps against spaCy's own answer on the
// whole text, as bench/fidelityBench.ts measures English (its agreement, whole-text answer and
// pool), since windows cut after 。！？ and 6 CJK characters count as a word of context
// (server/src/analysis/sentenceWindows.ts, analysisUnits.ts). No real ja/zh pipeline can be had
// here, so bench/cjk_silver_pipeline.py trains spaCy's default `ner` on silver labels of some
// chapters of Debian's reference (ja: Sudachi's part of speech; zh: Latin product names and a few
// places over the character segmenter) and this reads the other chapters only. Documents of at
// most DOCUMENT_CHARS (Sudachi refuses more than 49,149 bytes, so the "whole text" is a document
// of that size), three ways: plain text (paragraphs joined by a blank line, nlp(document)),
// Markdown (the same, nlp(each block)), and a manuscript (plain text, one newline between
// paragraphs: blocks are 4,000-character pieces read in sentence windows, the case the cut after
// 。 is for). Also prints the characters sent to spaCy (the units' text, context included) per
// character of the documents. `npx tsx bench/cjkFidelityBench.ts` (bench/cjk.sh installs the
// corpora); prints figures, asserts nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { AnalysisCache } from '../server/src/analysis/analysisCache';
import { blocksOf } from '../server/src/analysis/documentState';
import { analyseText } from '../server/src/workspace/fileAnalysis';
import { realSidecar, repoRoot, requireRealSidecar } from '../test/helpers/paths';
import { fmt } from './benchUtil';
import { agreement, startPool, wholeTextSpansOf, type Reference } from './fidelityBench';

const DOCUMENT_CHARS = 15_000;
const BUILDER = path.join(repoRoot, 'bench', 'cjk_silver_pipeline.py');
const LANGUAGES = [
  { code: 'ja', name: 'Japanese', model: 'ner on silver labels from Sudachi part of speech' },
  { code: 'zh', name: 'Chinese', model: 'character segmenter, ner on silver Latin names and places' },
] as const;
const VARIANTS = [
  { name: 'plain text', languageId: 'plaintext', separator: '\n\n' },
  { name: 'Markdown', languageId: 'markdown', separator: '\n\n' },
  { name: 'manuscript (plain text, one newline between paragraphs)', languageId: 'plaintext', separator: '\n' },
] as const;

/** What cjk_silver_pipeline.py prints. */
interface Silver {
  pipeline: string;
  support: string | null;
  tuning: string[];
  heldOut: string[];
  tuningParagraphs: number;
  tuningChars: number;
  tuningSilver: number;
  heldOutParagraphs: number;
  heldOutChars: number;
  heldOutPredicted: number;
}

const python = (): string =>
  execFileSync('bash', [path.join(repoRoot, 'scripts', 'build-python.sh'), '--print-python'], { encoding: 'utf8' }).trim();

/** The silver pipeline of `code` and its held-out paragraphs, built once per version of the builder. */
function silverPipeline(code: string): { silver: Silver; paragraphs: string[] } {
  const key = createHash('sha256').update(readFileSync(BUILDER)).digest('hex').slice(0, 12);
  const dir = path.join(process.env.SAMSARA_CACHE ?? path.join(homedir(), '.cache', 'samsara'), 'cjk-silver', `${code}-${key}`);
  const summary = path.join(dir, 'summary.json');
  if (!existsSync(summary)) {
    const args = [BUILDER, code, dir];
    if (code === 'ja')
      args.push(
        '--dictionary-wheel',
        execFileSync('bash', [path.join(repoRoot, 'scripts', 'fetch-sudachidict.sh')], { encoding: 'utf8' }).trim(),
      );
    const out = execFileSync(python(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    writeFileSync(summary, out);
  }
  const silver = JSON.parse(readFileSync(summary, 'utf8')) as Silver;
  const chapters = JSON.parse(readFileSync(path.join(dir, 'heldout.json'), 'utf8')) as Record<string, string[]>;
  return { silver, paragraphs: silver.heldOut.flatMap((name) => chapters[name]) };
}

/** The paragraphs, in order, joined by `separator` into documents of at most DOCUMENT_CHARS. */
function documents(paragraphs: readonly string[], separator: string): string[] {
  const docs: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const paragraph of paragraphs) {
    if (current.length && length + separator.length + paragraph.length > DOCUMENT_CHARS) {
      docs.push(current.join(separator));
      current = [];
      length = 0;
    }
    length += (current.length ? separator.length : 0) + paragraph.length;
    current.push(paragraph);
  }
  if (current.length) docs.push(current.join(separator));
  return docs;
}

/** Spans of each document, moved to where it starts in the documents joined. */
function joinedSpans(docs: readonly string[], spans: readonly (readonly string[])[]): string[] {
  let offset = 0;
  return docs.flatMap((doc, i) => {
    const moved = spans[i].map((span) => {
      const [label, start, end] = span.split(' ');
      return `${label} ${Number(start) + offset} ${Number(end) + offset}`;
    });
    offset += doc.length;
    return moved;
  });
}

/**
 * Whether a span ("label start end") lies outside every URL of `text`. Samsara's extraction leaves
 * URLs out of prose (a name in https://wiki.debian.org/Salsa is never shown) where nlp(document)
 * reads them, so for plain text the two differ there by design, whatever the windows.
 */
function outsideUrls(text: string): (span: string) => boolean {
  const urls = [...text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>。、，）」]+/gi)].map((m) => [m.index, m.index + m[0].length]);
  return (span) => {
    const [start, end] = span.split(' ').slice(1).map(Number);
    return !urls.some(([from, to]) => start < to && end > from);
  };
}

async function language(code: 'ja' | 'zh', name: string, model: string): Promise<string[]> {
  if (code === 'ja' && !readdirSync(path.join(path.dirname(realSidecar), '_internal')).some((f) => f.startsWith('sudachipy-')))
    return [`   ${name}: this bundle carries no SudachiPy: no figures`];
  const { silver, paragraphs } = silverPipeline(code);
  const support = silver.support;
  const reference: Reference = {
    model: silver.pipeline,
    pythonPath: support ? readdirSync(support).map((folder) => path.join(support, folder)) : undefined,
  };
  const lines = [
    `   ${name}: ${model}, trained on chapters ${silver.tuning.join(' ')} (${silver.tuningParagraphs} paragraphs, ${fmt(silver.tuningChars / 1000, 0)} K characters, ${silver.tuningSilver} silver entities);`,
    `   held out: chapters ${silver.heldOut.join(' ')} (${silver.heldOutParagraphs} paragraphs, ${fmt(silver.heldOutChars / 1000, 0)} K characters; the model finds ${silver.heldOutPredicted} entities in them, paragraph by paragraph)`,
  ];
  const pool = await startPool(silver.pipeline, support ? { ...process.env, SAMSARA_SUPPORT_PACKAGES: support } : process.env);
  try {
    for (const variant of VARIANTS) {
      const docs = documents(paragraphs, variant.separator);
      const cache = new AnalysisCache((texts) => pool.analyzeWithRules(texts));
      const samsara: string[][] = [];
      let sent = 0;
      for (const [i, doc] of docs.entries()) {
        const entities = await analyseText(doc, variant.languageId, cache, { group: `${code}-${i}`, priority: 'background' });
        samsara.push(entities.map((e) => `${e.label} ${e.start} ${e.end}`));
        sent += blocksOf(doc, variant.languageId).reduce((sum, unit) => sum + unit.text.length, 0);
      }
      const whole = wholeTextSpansOf(docs, variant.languageId, reference);
      const chars = docs.reduce((sum, doc) => sum + doc.length, 0);
      const text = docs.join('');
      const [ours, spacys] = [joinedSpans(docs, samsara), joinedSpans(docs, whole)];
      const result = agreement(text, ours, spacys);
      lines.push(
        `   ${name}, ${fmt(chars / 1000, 0)} K characters in ${docs.length} documents as ${variant.name}: precision ${fmt(result.precision, 4)}, recall ${fmt(result.recall, 4)} (${result.samsara} entities, spaCy ${result.spacy}); sent to spaCy ${fmt(sent / chars, 2)}x the text`,
      );
      for (const example of result.examples) lines.push(`      ${example}`);
      const outside = outsideUrls(text);
      const [ours2, spacys2] = [ours.filter(outside), spacys.filter(outside)];
      if (ours2.length < ours.length || spacys2.length < spacys.length) {
        const rest = agreement(text, ours2, spacys2);
        lines.push(
          `      outside URLs (${ours.length - ours2.length} of Samsara's and ${spacys.length - spacys2.length} of spaCy's entities lie in one): precision ${fmt(rest.precision, 4)}, recall ${fmt(rest.recall, 4)}`,
        );
      }
    }
  } finally {
    await pool.dispose();
  }
  return lines;
}

/** Lines of figures: each language, each variant. */
export async function cjkFidelity(): Promise<string[]> {
  requireRealSidecar();
  const lines = [
    '   whole text: a document of <= 15,000 characters; plain text, nlp(document); Markdown, nlp(prose of each block as Samsara extracts it);',
    '   agreement: exact label and span, every label shown (target >= 0.99 precision and recall)',
  ];
  for (const { code, name, model } of LANGUAGES) lines.push(...(await language(code, name, model)));
  return lines;
}

if (require.main === module) {
  cjkFidelity()
    .then((lines) => {
      console.log('fidelity, Japanese and Chinese: Samsara against spaCy on the whole text, held-out real prose');
      for (const line of lines) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
