// The edit bench (`npx tsx bench/editBench.ts`; serverBench.ts runs it as its section 2): one-line
// edits in a 300 KB plain-text document, timed from didChange to the semantic tokens delta at the
// client, each as soon as the previous delta is answered (typing). Two servers in one run: one as
// shipped (units with CONTEXT_WORDS of context, analysis/analysisUnits.ts) and a baseline without
// context (SAMSARA_BENCH_CONTEXT_WORDS=0), their rounds alternating A/B, B/A... so both see the
// same machine load. Each edit's time is split with the server's own timestamps (samsara/stats:
// the run's trace and the `analyze` requests, on a clock shared with this process); the sidecar's
// answer carries no time of its own, so spaCy's share of the round trip is nlp.pipe in-process
// (same model) on the texts the edit sent, timed right after. Fidelity (fidelityBench.ts) is
// printed beside it. Prints figures; asserts nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BatchTrace, RunTrace } from '../shared/lsp';
import { jargonProse } from '../test/helpers/corpus';
import type { LspTestClient } from '../test/helpers/lspClient';
import { semanticTokens, semanticTokensDelta } from '../test/helpers/entityRequests';
import { proseOf, type Prose } from '../server/src/analysis/documentState';
import { analysisUnits } from '../server/src/analysis/analysisUnits';
import { WINDOW_MAX_CHARS, WINDOW_MIN_CHARS } from '../server/src/analysis/sentenceWindows';
import { extractProse } from '../server/src/text/proseExtractor';
import { fmt, median, startServer } from './benchUtil';
import { fidelity } from './fidelityBench';
import { InProcessSpacy } from './inProcessSpacy';

const ROUNDS = 4;
const EDITS_PER_ROUND = 10;
const URI = 'file:///bench/edit.txt';

/** One edit's time, split (ms). */
interface Split {
  total: number;
  /** didChange sent -> the run started (the delta request asks for the model at once). */
  toRun: number;
  extract: number;
  units: number;
  lookups: number;
  /** The edited units' first batch waiting in the scheduler, then its round trip to the sidecar. */
  queue: number;
  roundTrip: number;
  /** spaCy alone on the texts sent (in-process, right after): wall and CPU time. */
  spacy: number;
  spacyCpu: number;
  /** The server's CPU time from the run's start to its first publication. */
  serverCpu: number;
  /** The units the first tokens wait for answered -> model built and published. */
  model: number;
  /** Model published -> delta at the client: tokens encoded, the delta, JSON, stdio. */
  tokens: number;
  unitsSent: number;
  charsSent: number;
}

interface Side {
  name: string;
  client: LspTestClient;
  version: number;
  resultId: string;
  splits: Split[];
}

/** The line edited: in the second half, a definition's line (three spaces, a word). */
export function editedLine(text: string): number {
  const lines = text.split('\n');
  return lines.findIndex((l, i) => i > lines.length / 2 && /^ {3}\w.{40,}/.test(l));
}

async function openSide(name: string, text: string, env: NodeJS.ProcessEnv): Promise<Side> {
  const client = await startServer({}, env);
  await client.open(URI, text);
  const first = await semanticTokens(client, URI);
  return { name, client, version: 1, resultId: first.resultId ?? '', splits: [] };
}

async function edit(side: Side, line: number, spacy: InProcessSpacy, sent: () => string[]): Promise<void> {
  side.version += 1;
  const start = performance.timeOrigin + performance.now();
  await side.client.change(URI, side.version, [
    { range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: `Rome${side.version} ` },
  ]);
  const delta = await semanticTokensDelta(side.client, URI, side.resultId);
  const end = performance.timeOrigin + performance.now();
  side.resultId = delta.resultId ?? '';
  const stats = await side.client.stats();
  const run = stats.lastRun;
  if (!run || run.version !== side.version) throw new Error(`${side.name}: no trace of the run of version ${side.version}`);
  const batches = (stats.recentBatches ?? []).filter((b) => b.sentAt >= run.startedAt);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'samsara-edit-')), 'texts.json');
  writeFileSync(file, JSON.stringify(sent()));
  const timed = await spacy.run(file);
  side.splits.push(split(start, end, run, batches, { wall: timed.seconds * 1000, cpu: timed.cpuSeconds * 1000 }));
}

function split(start: number, end: number, run: RunTrace, batches: BatchTrace[], spacy: { wall: number; cpu: number }): Split {
  const first = batches[0];
  const published = run.startedAt + (run.modelMs ?? run.requestedMs);
  return {
    total: end - start,
    toRun: run.startedAt - start,
    extract: run.extractMs - run.settingsMs,
    units: run.unitsMs - run.extractMs,
    lookups: run.requestedMs - run.unitsMs,
    queue: first ? first.sentAt - first.queuedAt : 0,
    roundTrip: batches.reduce((sum, b) => sum + (b.answeredAt ?? b.sentAt) - b.sentAt, 0),
    spacy: spacy.wall,
    spacyCpu: spacy.cpu,
    model: (run.modelMs ?? 0) - (run.editedMs ?? 0),
    serverCpu: run.cpuMs ?? 0,
    tokens: end - published,
    unitsSent: run.unitsSent,
    charsSent: run.charsSent,
  };
}

/** The baseline's unit texts of `text` (no context). */
function baselineUnits(text: string): string[] {
  const sizes = { words: 0, min: WINDOW_MIN_CHARS, max: WINDOW_MAX_CHARS };
  return analysisUnits(extractProse(text, 'plaintext').blocks, text, true, sizes).map((unit) => unit.text);
}

/**
 * The texts an edit sends before its first tokens: with context, the changed units whose core is
 * new (those whose context alone changed are held back); the baseline, the units no earlier
 * version had (what its cache misses).
 */
function sentTexts(known: { prose: Prose; seen: Set<string> }, text: string, context: boolean): string[] {
  if (context) {
    const prose = proseOf(text, 'plaintext', known.prose);
    known.prose = prose;
    return prose.changed.filter((i) => prose.layout.origin[i] < 0).map((i) => prose.blocks[i].text);
  }
  const sent = baselineUnits(text).filter((unit) => !known.seen.has(unit));
  for (const unit of sent) known.seen.add(unit);
  return sent;
}

function describe(side: Side): string[] {
  const m = (pick: (s: Split) => number): string => fmt(median(side.splits.map(pick)));
  return [
    `   ${side.name}: median ${m((s) => s.total)} ms (min ${fmt(Math.min(...side.splits.map((s) => s.total)))}, max ${fmt(Math.max(...side.splits.map((s) => s.total)))}); units sent per edit ${m((s) => s.unitsSent)}, ${m((s) => s.charsSent)} characters`,
    `      medians: to the run ${m((s) => s.toRun)}, extraction ${m((s) => s.extract)}, units ${m((s) => s.units)}, cache look-ups ${m((s) => s.lookups)}, queued ${m((s) => s.queue)}, sidecar round trip ${m((s) => s.roundTrip)} (spaCy in-process on the same texts ${m((s) => s.spacy)}, CPU ${m((s) => s.spacyCpu)}), model ${m((s) => s.model)}, tokens + delta + transport ${m((s) => s.tokens)} ms; the server's CPU time to the model ${m((s) => s.serverCpu)} ms`,
  ];
}

/** Lines of figures: the A/B typing latency, with context and without. */
export async function editBench(text = jargonProse(300_000, 0)): Promise<string[]> {
  const line = editedLine(text);
  const withContext = await openSide('with context (as shipped)', text, {});
  const without = await openSide('baseline without context', text, { SAMSARA_BENCH_CONTEXT_WORDS: '0' });
  const spacy = new InProcessSpacy();
  await spacy.ready();
  try {
    // What each server's cache holds (every unit of every version so far), to name the texts an edit sends.
    const known = { prose: proseOf(text, 'plaintext'), seen: new Set(baselineUnits(text)) };
    const lines = text.split('\n');
    const textAt = (version: number): string => {
      const edited = [...lines];
      let prefix = '';
      for (let v = 2; v <= version; v++) prefix = `Rome${v} ` + prefix;
      edited[line] = edited[line].slice(0, 3) + prefix + edited[line].slice(3);
      return edited.join('\n');
    };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [withContext, without] : [without, withContext];
      for (const side of order) {
        const context = side === withContext;
        for (let i = 0; i < EDITS_PER_ROUND; i++) await edit(side, line, spacy, () => sentTexts(known, textAt(side.version), context));
      }
    }
  } finally {
    spacy.close();
    await withContext.client.shutdown();
    await without.client.shutdown();
  }
  const a = median(withContext.splits.map((s) => s.total));
  const b = median(without.splits.map((s) => s.total));
  return [
    `   ${ROUNDS} rounds of ${EDITS_PER_ROUND} edits per server, alternating; load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')} at the end`,
    ...describe(withContext),
    ...describe(without),
    `   with context / without: ${fmt(a / b, 2)}x (median ${fmt(a)} against ${fmt(b)} ms; target: with context <= 15 ms)`,
  ];
}

if (require.main === module) {
  (async () => {
    console.log(
      `edit bench: load average ${loadavg()
        .map((l) => fmt(l, 2))
        .join(' ')} at start`,
    );
    console.log(
      'one-line edit in ~300 KB of the Jargon File -> semantic tokens delta at the client (typing: each edit once the previous delta is answered)',
    );
    for (const line of await editBench()) console.log(line);
    if (process.argv.includes('--no-fidelity')) return;
    console.log('fidelity beside it: Samsara against spaCy on the whole text, held-out real prose (fidelityBench.ts)');
    for (const line of await fidelity()) console.log(line);
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
