// Workspace scan benchmark (`npx tsx bench/workspaceBench.ts`), on real prose: the Jargon File's
// glossary (Debian jargon-text) split into several plain-text documents of a temporary workspace.
//  1. The scan through the whole server path (discovery, reading, hashing, prose extraction,
//     scheduling at the scan priority, the sidecar pool, the index, the store), words/s, beside
//     in-process spaCy nlp.pipe on one core over the same files, in interleaved rounds.
//  2. Edit latency of an open document while the scan runs (edit -> semantic tokens delta),
//     beside the same edits once the scan is done.
//  3. Resident memory: each sidecar worker, the server, the total; right after the scan, and at
//     rest after a quiet period (the extra workers retired: samsara.sidecar.idleRetireSeconds, set
//     short here so the bench does not wait the default minute), against the 300 MB target.
// Prints figures and ratios; asserts nothing.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { jargonProse, jargonText } from '../test/helpers/corpus';
import { semanticTokens, semanticTokensDelta } from '../test/helpers/entityRequests';
import { LspTestClient } from '../test/helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../test/helpers/paths';
import { fmt, median, words } from './benchUtil';
import { InProcessSpacy } from './inProcessSpacy';

const DOCS = 8;
const ROUNDS = Number(process.env.SAMSARA_BENCH_ROUNDS ?? 2);
const WORKERS = 2;
const MAX_EDITS = 25;
/** The quiet delay before extra workers retire, for the at-rest figure (the default is 60 s). */
const REST_SECONDS = 2;
const REST_TARGET_BYTES = 300e6;
const SMALL = ['Angela Merkel met Barack Obama in Berlin on Monday.', '', 'The committee met again in Lisbon in May.'].join('\n');

const settings = (scan: boolean) => ({
  sidecar: { path: realSidecar, workers: WORKERS, healthCheckIntervalMs: 1000 },
  analysis: { debounceMs: 0 },
  workspace: { scan },
});

/** The glossary in DOCS documents of consecutive entries, cut at paragraph boundaries. */
function corpus(): string[] {
  const all = jargonProse(jargonText().length);
  const size = Math.ceil(all.length / DOCS);
  const docs: string[] = [];
  let at = 0;
  while (at < all.length) {
    const cut = all.indexOf('\n\n', at + size);
    const end = cut === -1 || docs.length === DOCS - 1 ? all.length : cut + 2;
    docs.push(all.slice(at, end));
    at = end;
  }
  return docs;
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
}

/** A fresh server on the workspace, sidecars ready and warm, the scan off until `scan` turns it on. */
async function server(folder: string): Promise<LspTestClient> {
  const client = await LspTestClient.start({ workspaceFolder: folder, settings: settings(false) });
  await client.waitForStatus((s) => s.state === 'ready' && s.workersReady === WORKERS, { timeoutMs: 120_000 });
  await client.open('file:///bench/warm.txt', 'Warm up with Angela Merkel in Paris.');
  await semanticTokens(client, 'file:///bench/warm.txt');
  return client;
}

/** Turns the scan on and resolves with its wall time once the server says it is done. */
async function scan(client: LspTestClient, during?: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await client.updateSettings(settings(true));
  const done = (async () => {
    for (;;) {
      const workspace = (await client.stats()).workspace;
      if (workspace && workspace.scans >= 1 && !workspace.scanning) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  await during?.();
  return done;
}

/** Edits of a small open document, each timed to its semantic tokens delta, while `keepGoing` holds. */
async function edits(client: LspTestClient, uri: string, first: number, keepGoing: () => Promise<boolean>): Promise<number[]> {
  let resultId = (await semanticTokens(client, uri)).resultId ?? '';
  const times: number[] = [];
  for (let version = first; times.length < MAX_EDITS && (await keepGoing()); version++) {
    const begin = performance.now();
    await client.change(uri, version, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: `Oslo${version} ` },
    ]);
    const delta = await semanticTokensDelta(client, uri, resultId);
    resultId = delta.resultId ?? '';
    if (await keepGoing()) times.push(performance.now() - begin);
  }
  return times;
}

async function main(): Promise<void> {
  requireRealSidecar();
  const docs = corpus();
  const totalWords = docs.reduce((sum, d) => sum + words(d), 0);
  const bytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d), 0);
  const spacy = new InProcessSpacy();
  await spacy.ready();
  const serverMs: number[] = [];
  const spacyMs: number[] = [];
  const load = loadavg()[0];
  let files: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // A new workspace each round: nothing in the store, nothing in the server's cache.
    const folder = mkdtempSync(path.join(tmpdir(), 'samsara-workspace-bench-'));
    mkdirSync(path.join(folder, 'chapters'));
    files = docs.map((text, i) => {
      const file = path.join(folder, 'chapters', `part${i + 1}.txt`);
      writeFileSync(file, text);
      return file;
    });
    const client = await server(folder);
    try {
      serverMs.push(await scan(client));
    } finally {
      await client.shutdown();
    }
    let seconds = 0;
    for (const file of files) seconds += (await spacy.run(file)).seconds;
    spacyMs.push(seconds * 1000);
    process.stderr.write(`workspace bench: round ${round + 1}/${ROUNDS} done\n`);
  }
  spacy.close();

  // Edits during a scan, then the same edits with nothing else to do; memory at the end of it.
  const folder = path.dirname(path.dirname(files[0]));
  const client = await LspTestClient.start({
    workspaceFolder: folder,
    workspaceStorageFolder: mkdtempSync(path.join(tmpdir(), 'samsara-workspace-bench-store-')),
    settings: settings(false),
  });
  let busy: number[] = [];
  let idle: number[] = [];
  let memory = { workers: [] as number[], server: 0 };
  let rest = { workers: [] as number[], server: 0, retired: 0, waitedMs: 0 };
  let batches = '';
  try {
    await client.waitForStatus((s) => s.state === 'ready' && s.workersReady === WORKERS, { timeoutMs: 120_000 });
    const uri = 'file:///bench/edited.txt';
    await client.open(uri, SMALL);
    const scanning = async (): Promise<boolean> => (await client.stats()).workspace?.scanning === true;
    await scan(client, async () => {
      // The scan starts once the settings are read: wait for it, then edit while it runs.
      while (!(await scanning())) await new Promise((resolve) => setTimeout(resolve, 10));
      busy = await edits(client, uri, 2, scanning);
    });
    const stats = await client.stats();
    batches = `${stats.interactiveBatches} interactive, ${stats.backgroundBatches} background and ${stats.scanBatches} scan batches`;
    idle = await edits(client, uri, 100, async () => true);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // one more health check reports memory
    const workers = (await client.stats()).sidecar.workers ?? [];
    memory = { workers: workers.map((w) => w.rssBytes ?? 0), server: rssOf(client.pid) };
    // At rest: a short quiet delay, then wait until the extra workers have retired.
    const quiet = performance.now();
    const rested = settings(true);
    await client.updateSettings({ ...rested, sidecar: { ...rested.sidecar, idleRetireSeconds: REST_SECONDS } });
    for (;;) {
      const sidecar = (await client.stats()).sidecar;
      if ((sidecar.workersRetired ?? 0) >= WORKERS - 1) break;
      if (performance.now() - quiet > 120_000) throw new Error(`the extra workers did not retire: ${JSON.stringify(sidecar)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sidecar = (await client.stats()).sidecar;
    const running = (sidecar.workers ?? []).flatMap((w) => (w.pid === undefined ? [] : [w.pid]));
    rest = {
      workers: running.map(rssOf),
      server: rssOf(client.pid),
      retired: sidecar.workersRetired ?? 0,
      waitedMs: performance.now() - quiet,
    };
  } finally {
    await client.shutdown();
  }

  const serverRate = totalWords / (median(serverMs) / 1000);
  const spacyRate = totalWords / (median(spacyMs) / 1000);
  const mb = (n: number): string => `${fmt(n / 1e6, 0)} MB`;
  console.log(
    `workspace bench: ${fmt(bytes / 1e6, 2)} MB of prose (the Jargon File, Debian jargon-text) in ${docs.length} plain-text files, ` +
      `${totalWords.toLocaleString('en-US')} words; ${WORKERS} sidecar workers; ${ROUNDS} rounds (medians); ` +
      `${availableParallelism()} cores, load ${fmt(load, 2)} at start`,
  );
  console.log('\n1. workspace scan through the server (settings on -> index complete), fresh store and cache each round');
  console.log(
    `   server scan, ${WORKERS} workers:         ${fmt(serverRate, 0)} words/s  (${serverMs.map((ms) => fmt(ms / 1000, 1)).join(', ')} s)`,
  );
  console.log(
    `   in-process spaCy nlp.pipe, 1 core: ${fmt(spacyRate, 0)} words/s  (${spacyMs.map((ms) => fmt(ms / 1000, 1)).join(', ')} s)`,
  );
  console.log(`   ratio server / in-process:        ${fmt(serverRate / spacyRate, 2)}x`);
  console.log('\n2. edit in an open document -> its semantic tokens delta');
  console.log(
    `   during the scan: median ${fmt(median(busy), 0)} ms, max ${fmt(Math.max(...busy), 0)} ms over ${busy.length} edits  (target: median <= 150 ms; ${batches})`,
  );
  console.log(`   after the scan:  median ${fmt(median(idle), 0)} ms, max ${fmt(Math.max(...idle), 0)} ms over ${idle.length} edits`);
  const workersTotal = memory.workers.reduce((a, b) => a + b, 0);
  console.log('\n3. resident memory after the scan');
  console.log(
    `   sidecar workers: ${memory.workers.map(mb).join(', ')} (total ${mb(workersTotal)}); server ${mb(memory.server)}; ` +
      `total ${mb(workersTotal + memory.server)}`,
  );
  const restWorkers = rest.workers.reduce((a, b) => a + b, 0);
  const restTotal = restWorkers + rest.server;
  console.log(
    `   at rest after a quiet period (${rest.retired} of ${WORKERS} workers retired after ${REST_SECONDS} s idle, ` +
      `${fmt(rest.waitedMs / 1000, 1)} s after the settings changed): sidecar workers ${rest.workers.map(mb).join(', ')}; ` +
      `server ${mb(rest.server)}; total ${mb(restTotal)}  (target <= ${mb(REST_TARGET_BYTES)}: ${restTotal <= REST_TARGET_BYTES ? 'met' : 'NOT met'})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
