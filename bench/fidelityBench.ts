// Fidelity: the entities Samsara keeps against spaCy's own answer on the whole text, exact label
// and span, as precision and recall, on held-out real prose (bench/fidelityCorpus.ts), as plain
// text and as Markdown. `npx tsx bench/fidelityBench.ts` alone; serverBench.ts prints it beside
// the edit latency. What "the whole text" is:
// - plain text: the document's text as it is, `nlp(text)` in one call;
// - Markdown: the prose of each block as Samsara extracts it (syntax left out, a block being a
//   heading, paragraph, list item, table cell... or a 4,000-character piece of a longer one),
//   `nlp(block)` for each, mapped back to the document the way Samsara maps its own.
// Samsara's side is its engine as the server runs it (extraction, units, cache, a real sidecar),
// with every label shown. Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AnalysisCache } from '../server/src/analysis/analysisCache';
import { silentLogger } from '../server/src/logger';
import { createLauncher } from '../server/src/sidecar/launchSidecar';
import { SidecarPool } from '../server/src/sidecar/sidecarPool';
import { documentSpan, type ProseBlock } from '../server/src/text/proseBlock';
import { extractProse } from '../server/src/text/proseExtractor';
import { analyseText } from '../server/src/workspace/fileAnalysis';
import { realSidecar, repoRoot, requireRealSidecar } from '../test/helpers/paths';
import { fmt } from './benchUtil';
import { fidelityCorpora } from './fidelityCorpus';

const CHARS = 300_000;
const LANGUAGES = ['plaintext', 'markdown'] as const;

type Span = string; // "label start end"

export interface Agreement {
  precision: number;
  recall: number;
  samsara: number;
  spacy: number;
  /** A few disagreements, for reading. */
  examples: string[];
}

export function agreement(text: string, samsara: readonly Span[], spacy: readonly Span[]): Agreement {
  const reference = new Set(spacy);
  const found = new Set(samsara);
  let both = 0;
  for (const span of found) if (reference.has(span)) both += 1;
  const show = (span: Span, side: string): string => {
    const [label, start, end] = span.split(' ');
    return `${side} ${label} "${text.slice(Number(start), Number(end)).replace(/\s+/g, ' ')}"`;
  };
  const examples = [
    ...[...found]
      .filter((s) => !reference.has(s))
      .slice(0, 4)
      .map((s) => show(s, 'only Samsara:')),
    ...[...reference]
      .filter((s) => !found.has(s))
      .slice(0, 4)
      .map((s) => show(s, 'only spaCy:')),
  ];
  return {
    precision: found.size ? both / found.size : 1,
    recall: reference.size ? both / reference.size : 1,
    samsara: found.size,
    spacy: reference.size,
    examples,
  };
}

/** Which pipeline answers, and how: the bundled model by default; another pipeline folder, with
 * `pythonPath` (folders its Python needs, as a Japanese pipeline needs Sudachi's dictionary). */
export interface Reference {
  model?: string;
  pythonPath?: readonly string[];
}

/** spaCy's entities of each text (bench/fidelity_reference.py, the build venv's spaCy, same model). */
export function spacyOf(texts: readonly string[], reference: Reference = {}): [string, number, number][][] {
  const python = execFileSync('bash', [path.join(repoRoot, 'scripts', 'build-python.sh'), '--print-python'], { encoding: 'utf8' }).trim();
  const modelRoot = path.join(path.dirname(realSidecar), '_internal', 'model');
  const model = reference.model ?? path.join(modelRoot, readdirSync(modelRoot)[0]);
  const env = reference.pythonPath ? { ...process.env, PYTHONPATH: reference.pythonPath.join(path.delimiter) } : process.env;
  const dir = mkdtempSync(path.join(tmpdir(), 'samsara-fidelity-'));
  const file = path.join(dir, 'texts.json');
  writeFileSync(file, JSON.stringify(texts));
  const out = execFileSync(python, [path.join(repoRoot, 'bench', 'fidelity_reference.py'), model, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env,
  });
  return JSON.parse(out) as [string, number, number][][];
}

/** The whole-text answer (see the top of this file), as document spans. */
export function wholeTextSpans(text: string, languageId: string, reference: Reference = {}): Span[] {
  return wholeTextSpansOf([text], languageId, reference)[0];
}

/** wholeTextSpans of several documents, with one start of spaCy. */
export function wholeTextSpansOf(texts: readonly string[], languageId: string, reference: Reference = {}): Span[][] {
  // Plain text: the document is one block, trimmed of white space as Samsara trims its own (a
  // highlight of "n. " shows "n.").
  const blocksOf = (text: string): ProseBlock[] =>
    languageId === 'plaintext' ? [{ start: 0, text, runs: [0, 0], cuts: [] }] : [...extractProse(text, languageId).blocks];
  const blocks = texts.map(blocksOf);
  const found = spacyOf(
    blocks.flat().map((block) => block.text),
    reference,
  );
  let next = 0;
  return blocks.map((documentBlocks) => {
    const spans: Span[] = [];
    for (const block of documentBlocks)
      for (const [label, start, end] of found[next++]) {
        const span = documentSpan(block, start, end);
        if (span) spans.push(`${label} ${span.start} ${span.end}`);
      }
    return spans;
  });
}

/** A pool of one bundled sidecar on `pipeline` (a name or a folder); `env`: what it is started with. */
export async function startPool(pipeline = 'en_core_web_sm', env: NodeJS.ProcessEnv = process.env): Promise<SidecarPool> {
  const pool = new SidecarPool(
    {
      path: realSidecar,
      pipeline,
      startTimeoutMs: 120_000,
      healthCheckIntervalMs: 30_000,
      healthCheckTimeoutMs: 5000,
      requestTimeoutMs: 600_000,
      workers: 1,
    },
    { launch: createLauncher(silentLogger, path.join(repoRoot, 'dist'), env), onStatus: () => undefined, log: silentLogger },
  );
  await pool.start();
  return pool;
}

/** Lines of figures: each corpus as plain text and as Markdown. */
export async function fidelity(chars = CHARS): Promise<string[]> {
  requireRealSidecar();
  const pool = await startPool();
  const lines = [
    '   whole text: plain text, nlp(document) in one call; Markdown, nlp(prose of each block as Samsara extracts it);',
    '   agreement: exact label and span (white space at its ends trimmed, as Samsara shows it), every label shown (target >= 0.99 precision and recall)',
  ];
  try {
    for (const corpus of fidelityCorpora(chars)) {
      for (const languageId of LANGUAGES) {
        const cache = new AnalysisCache((texts) => pool.analyzeWithRules(texts));
        const entities = await analyseText(corpus.text, languageId, cache, { group: corpus.name, priority: 'background' });
        const samsara = entities.map((e) => `${e.label} ${e.start} ${e.end}`);
        const result = agreement(corpus.text, samsara, wholeTextSpans(corpus.text, languageId));
        lines.push(
          `   ${corpus.name}, ${fmt(corpus.text.length / 1000, 0)} K characters as ${languageId}: precision ${fmt(result.precision, 4)}, recall ${fmt(result.recall, 4)} (${result.samsara} entities, spaCy ${result.spacy})`,
        );
        for (const example of result.examples) lines.push(`      ${example}`);
      }
    }
  } finally {
    await pool.dispose();
  }
  return lines;
}

if (require.main === module) {
  fidelity()
    .then((lines) => {
      console.log('fidelity: Samsara against spaCy on the whole text, held-out real prose');
      for (const line of lines) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
