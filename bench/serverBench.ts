// Language-server benchmark (`npx tsx bench/serverBench.ts`), on real prose (the Jargon File), in
// one run:
//  1. didOpen -> first semantic tokens of a 300 KB document, beside in-process spaCy (same model,
//     same pipeline, same text) measured in the same run;
//  2. a one-line edit in a 300 KB document -> the semantic tokens delta at the client, while
//     typing and after a pause, with the bytes it costs beside the diagnostics publication;
//  3. a 1.5 MB document opened -> a range request for its first screen answered (priority.ts);
//  4. an edit in a small document while the 1.5 MB document is analysed (priority.ts);
//  5. kill -9 of the sidecar -> diagnostics flowing again.
// Prints figures and ratios; asserts nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { jargonProse } from '../test/helpers/corpus';
import { LspTestClient } from '../test/helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../test/helpers/paths';
import { InProcessSpacy } from './inProcessSpacy';
import { priorityBench } from './priorityBench';
import { bytes, fmt, median, startServer, words } from './benchUtil';
import { semanticTokens } from '../test/helpers/entityRequests';
import { editBench } from './editBench';
import { fidelity } from './fidelityBench';
import { waitFor } from '../test/helpers/waitFor';

const DOCS = 4;
const KILLS = 3;

async function main(): Promise<void> {
  requireRealSidecar();
  const dir = mkdtempSync(path.join(tmpdir(), 'samsara-bench-'));
  // Four different 300 KB stretches of the glossary: each new to the cache.
  const texts = Array.from({ length: DOCS }, (_, i) => jargonProse(300_000, i * 310_000));
  const files = texts.map((text, i) => {
    const file = path.join(dir, `doc${i}.txt`);
    writeFileSync(file, text);
    return file;
  });
  console.log(
    `corpus: the Jargon File (Debian jargon-text): ${DOCS} plain-text stretches of ~${fmt(texts[0].length / 1000, 0)} K characters`,
  );
  console.log(
    `machine: load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')} at start (timings are wall-clock; a busy machine inflates them)`,
  );

  const client = await startServer({ analysis: { debounceMs: 0 } });
  try {
    // 1. Throughput: server and in-process runs alternate document by document, so both see the
    // same machine load.
    const spacy = new InProcessSpacy();
    await spacy.ready();
    const serverSeconds: number[] = [];
    const spacySeconds: number[] = [];
    let tokens = 0;
    let spacyEntities = 0;
    for (let i = 0; i < DOCS; i++) {
      const uri = `file:///bench/doc${i}.txt`;
      const start = performance.now();
      await client.open(uri, texts[i]);
      const full = await semanticTokens(client, uri);
      serverSeconds.push((performance.now() - start) / 1000);
      const baseline = await spacy.run(files[i]);
      spacySeconds.push(baseline.seconds);
      if (i === 0) {
        tokens = full.data.length / 5;
        spacyEntities = baseline.entities;
      }
    }
    spacy.close();
    const totalWords = texts.reduce((sum, t) => sum + words(t), 0);
    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    const serverRate = totalWords / sum(serverSeconds);
    const spacyRate = totalWords / sum(spacySeconds);
    console.log('\n1. didOpen -> first semantic tokens (full), cold cache, alternating with in-process spaCy');
    console.log(
      `   language server:            ${fmt(serverRate, 0)} words/s  (per document: ${serverSeconds.map((s) => fmt(s, 2)).join(', ')} s; ${tokens} tokens in the first, numbers hidden)`,
    );
    console.log(
      `   in-process spaCy nlp.pipe:  ${fmt(spacyRate, 0)} words/s  (per document: ${spacySeconds.map((s) => fmt(s, 2)).join(', ')} s; ${spacyEntities} entities in the first, numbers included)`,
    );
    console.log(
      `   ratio server / in-process:  ${fmt(serverRate / spacyRate, 2)}x overall, per document ${serverSeconds.map((s, i) => fmt(spacySeconds[i] / s, 2)).join(', ')}  (target >= 0.9x)`,
    );

    // 2. One-line edits in the first document (editBench.ts).
    const uri = 'file:///bench/doc0.txt';
    const all = await uncappedPublication(client, uri);
    const edits = await editBench(texts[0]);
    console.log(
      '\n2. one-line edit in a ~300 KB document -> semantic tokens delta at the client (debounce 0), A/B with and without context',
    );
    for (const line of edits) console.log(line);
    console.log(`   all ${all.count} diagnostics, uncapped: ${fmt(all.bytes / 1024, 0)} KB in one publication`);
    console.log('\n2b. fidelity beside it: Samsara against spaCy on the whole text, held-out real prose (fidelityBench.ts)');
    for (const line of await fidelity()) console.log(line);
  } finally {
    await client.shutdown();
  }

  // 3. and 4.
  await priorityBench();

  // 5. kill -9 of the sidecar, then an edit: time until the edited version is highlighted again
  // (its semantic tokens answered). Each kill on a fresh server, so each pays the first step of
  // the backoff (0.5 s), not a later one.
  const recoverMs: number[] = [];
  for (let i = 0; i < KILLS; i++) recoverMs.push(await killAndRecover(texts[0].slice(0, 20_000), i));
  console.log('\n5. kill -9 of the sidecar -> the edited version highlighted again (an edit sent right after the kill)');
  console.log(
    `   median ${fmt(median(recoverMs), 0)} ms (${recoverMs.map((ms) => fmt(ms, 0)).join(', ')} ms); includes the 0.5 s restart backoff and the model load`,
  );
}

/** One publication with every entity as a diagnostic (what was published before the cap). */
async function uncappedPublication(client: LspTestClient, uri: string): Promise<{ count: number; bytes: number }> {
  const settings = { sidecar: { path: realSidecar }, analysis: { debounceMs: 0 } };
  const published = client.nextPublication(uri, (p) => p.diagnostics.length > 1000);
  await client.updateSettings({ ...settings, diagnostics: { maxPerDocument: 1_000_000 } });
  const { params } = await published;
  await client.updateSettings(settings);
  return { count: params.diagnostics.length, bytes: bytes(params) };
}

async function killAndRecover(text: string, round: number): Promise<number> {
  const client = await LspTestClient.start({ settings: { sidecar: { path: realSidecar }, analysis: { debounceMs: 0 } } });
  try {
    const uri = 'file:///bench/kill.txt';
    const first = client.nextPublication(uri, (p) => p.diagnostics.length > 0);
    await client.open(uri, text);
    await first;
    const { sidecar } = await client.stats();
    if (sidecar.pid === undefined) throw new Error('no sidecar pid');
    const start = performance.now();
    process.kill(sidecar.pid, 'SIGKILL');
    await client.change(uri, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `Oslo${round} and Lima. ` },
    ]);
    // The server announces each new model (what the tokens are read from) with entitiesChanged.
    await waitFor(() => client.entitiesChanged.some((c) => c.uri === uri && c.version === 2), {
      timeoutMs: 60_000,
      intervalMs: 2,
      message: 'the model of the edited version',
    });
    const recovered = performance.now() - start;
    if ((await semanticTokens(client, uri)).data.length === 0) throw new Error('no tokens after the restart');
    return recovered;
  } finally {
    await client.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
