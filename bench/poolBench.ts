// Scan throughput of the sidecar pool (`npx tsx bench/poolBench.ts`, or bench/pool.sh): the
// whole prose of a real corpus (the Jargon File by default), as several documents, analysed
//  - by the pool with 2 workers (and, for reference, with 1), through the real bundled sidecars;
//  - by in-process spaCy `nlp.pipe` in one process, and by spaCy's own `nlp.pipe(n_process=2)`,
//    with the same pipeline loaded the same way (bench/pool_baseline.py, the build venv);
// side by side in one run, in interleaved rounds (medians), in words/s. Targets: the pool with 2
// workers >= 1.6x one process and >= 0.9x spaCy's multiprocessing. Also RSS per worker and total.
// Prints figures and ratios; asserts nothing.
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { silentLogger } from '../server/src/logger';
import { createLauncher } from '../server/src/sidecar/launchSidecar';
import { SidecarPool } from '../server/src/sidecar/sidecarPool';
import { realSidecar, repoRoot, requireRealSidecar } from '../test/helpers/paths';

const ROUNDS = Number(process.env.SAMSARA_BENCH_ROUNDS ?? 3);
const DOCS = 8;
/** Characters per analyze request, as the server's analysis cache batches blocks. */
const BATCH_CHARS = 64_000;
/** Requests in flight per ready worker: one analysed, one waiting in its stdin (no idle gap). */
const IN_FLIGHT_PER_WORKER = 2;

const words = (texts: string[]): number => texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const rate = (n: number): string => `${Math.round(n).toLocaleString('en-US')} words/s`;

interface Run {
  seconds: number;
  /** CPU time spent by whoever did the analysis (the workers; spaCy and its children). */
  cpuSeconds: number;
  entities: number;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** In-process spaCy (bench/pool_baseline.py serve), long-lived so its runs interleave with the pool's. */
class InProcessSpacy {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly lines: AsyncIterableIterator<string>;
  rssBytes = 0;

  constructor(python: string, model: string, textsFile: string) {
    this.child = spawn(python, [path.join(repoRoot, 'bench', 'pool_baseline.py'), 'serve', model, textsFile], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async ready(): Promise<void> {
    const first = JSON.parse(String((await this.lines.next()).value)) as { ready: boolean; rss_bytes: number };
    this.rssBytes = first.rss_bytes;
  }

  async run(processes: number): Promise<Run> {
    this.child.stdin.write(`${JSON.stringify({ processes })}\n`);
    const answer = JSON.parse(String((await this.lines.next()).value)) as {
      seconds: number;
      cpu_seconds: number;
      entities: number;
      rss_bytes: number;
    };
    this.rssBytes = Math.max(this.rssBytes, answer.rss_bytes);
    return { seconds: answer.seconds, cpuSeconds: answer.cpu_seconds, entities: answer.entities };
  }

  close(): void {
    this.child.stdin.end();
  }
}

/** Blocks of each document in batches of at most BATCH_CHARS. */
function batches(documents: string[][]): string[][] {
  const out: string[][] = [];
  for (const blocks of documents) {
    let batch: string[] = [];
    let chars = 0;
    for (const block of blocks) {
      if (batch.length > 0 && chars + block.length > BATCH_CHARS) {
        out.push(batch);
        batch = [];
        chars = 0;
      }
      batch.push(block);
      chars += block.length;
    }
    if (batch.length > 0) out.push(batch);
  }
  return out;
}

/** Every batch through the pool, with IN_FLIGHT_PER_WORKER requests per ready worker in flight. */
async function scan(pool: SidecarPool, all: string[][]): Promise<Run> {
  const queue = [...all];
  let entities = 0;
  const pids = pool.stats().flatMap((w) => (w.pid === undefined ? [] : [w.pid]));
  const cpu = (): number => pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
  const cpuStarted = cpu();
  const started = performance.now();
  const lane = async (): Promise<void> => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const found = (await pool.analyze(batch)).reduce((n, e) => n + e.length, 0);
      entities += found; // after the await: `entities += await …` would add to a stale value
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT_PER_WORKER * pool.readyWorkers }, lane));
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpu() - cpuStarted, entities };
}

async function startPool(workers: number): Promise<SidecarPool> {
  const pool = new SidecarPool(
    {
      path: realSidecar,
      pipeline: 'en_core_web_sm',
      startTimeoutMs: 120_000,
      healthCheckIntervalMs: 30_000,
      healthCheckTimeoutMs: 5000,
      requestTimeoutMs: 600_000,
      workers,
    },
    { launch: createLauncher(silentLogger, path.join(repoRoot, 'dist')), onStatus: () => undefined, log: silentLogger },
  );
  await pool.start();
  if (pool.readyWorkers !== workers) throw new Error(`pool of ${workers}: only ${pool.readyWorkers} ready (${pool.reason ?? ''})`);
  return pool;
}

async function main(): Promise<void> {
  requireRealSidecar();
  const python = execFileSync('bash', [path.join(repoRoot, 'scripts', 'build-python.sh'), '--print-python'], { encoding: 'utf8' }).trim();
  const dir = mkdtempSync(path.join(tmpdir(), 'samsara-pool-bench-'));
  const corpusFile = path.join(dir, 'corpus.json');
  execFileSync(python, [path.join(repoRoot, 'bench', 'pool_baseline.py'), 'corpus', corpusFile], { stdio: 'inherit' });
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as { source: string; paragraphs: string[] };
  const paragraphs = corpus.paragraphs;
  // Several documents of consecutive paragraphs (chapters of one book).
  const per = Math.ceil(paragraphs.length / DOCS);
  const documents = Array.from({ length: DOCS }, (_, i) => paragraphs.slice(i * per, (i + 1) * per));
  const textsFile = path.join(dir, 'texts.json');
  writeFileSync(textsFile, JSON.stringify(paragraphs));
  const totalWords = words(paragraphs);
  const bytes = Buffer.byteLength(paragraphs.join('\n\n'));
  const all = batches(documents);

  const modelRoot = path.join(path.dirname(realSidecar), '_internal', 'model');
  const spacy = new InProcessSpacy(python, path.join(modelRoot, readdirSync(modelRoot)[0]), textsFile);
  const [pool1, pool2] = [await startPool(1), await startPool(2)];
  await spacy.ready();

  const load = loadavg()[0];
  const results = { spacy1: [] as Run[], spacy2: [] as Run[], pool1: [] as Run[], pool2: [] as Run[] };
  for (let round = 1; round <= ROUNDS; round++) {
    results.pool2.push(await scan(pool2, all));
    results.spacy1.push(await spacy.run(1));
    results.spacy2.push(await spacy.run(2));
    results.pool1.push(await scan(pool1, all));
    process.stderr.write(`pool bench: round ${round}/${ROUNDS} done\n`);
  }
  const health = await pool2.health();
  spacy.close();
  await Promise.all([pool1.dispose(), pool2.dispose()]);

  const speed = (runs: Run[]): number => totalWords / median(runs.map((r) => r.seconds));
  const [s1, s2, p1, p2] = [speed(results.spacy1), speed(results.spacy2), speed(results.pool1), speed(results.pool2)];
  const rss = health.map((h) => h.health?.rss_bytes ?? 0);
  console.log(
    `pool bench: ${(bytes / 1e6).toFixed(2)} MB of prose from ${path.basename(corpus.source)} as ${DOCS} documents ` +
      `(${paragraphs.length} paragraphs, ${totalWords.toLocaleString('en-US')} words, ${all.length} requests of <= ${BATCH_CHARS / 1000} KB), ` +
      `${ROUNDS} rounds (medians), ${availableParallelism()} cores, load ${load.toFixed(2)} at start`,
  );
  // CPU figures do not depend on what else the machine runs: words per CPU second is the cost of
  // the work, CPU seconds per wall second the parallelism actually obtained.
  const cpuFigures = (runs: Run[]): string => {
    const cpu = median(runs.map((r) => r.cpuSeconds));
    const wall = median(runs.map((r) => r.seconds));
    return `${Math.round(totalWords / cpu).toLocaleString('en-US')} words/CPU-s, parallelism ${(cpu / wall).toFixed(2)}`;
  };
  console.log(`  in-process spaCy nlp.pipe, 1 process:    ${rate(s1)}  (${cpuFigures(results.spacy1)})`);
  console.log(`  spaCy nlp.pipe(n_process=2):             ${rate(s2)}  (${cpuFigures(results.spacy2)})`);
  console.log(`  pool, 1 worker:                          ${rate(p1)}  (${cpuFigures(results.pool1)})`);
  console.log(`  pool, 2 workers:                         ${rate(p2)}  (${cpuFigures(results.pool2)})`);
  console.log(`  pool 2 workers / spaCy 1 process:        ${(p2 / s1).toFixed(2)}x (target >= 1.6x)`);
  console.log(`  pool 2 workers / spaCy n_process=2:      ${(p2 / s2).toFixed(2)}x (target >= 0.9x)`);
  console.log(`  pool 1 worker / spaCy 1 process:         ${(p1 / s1).toFixed(2)}x (the sidecar's own overhead)`);
  console.log(
    `  RSS per worker: ${rss.map(mb).join(', ')}; total ${mb(rss.reduce((a, b) => a + b, 0))} ` +
      `(in-process spaCy, one process: ${mb(spacy.rssBytes)})`,
  );
  const entities = (runs: Run[]): number => runs[0].entities;
  console.log(
    `  entities found: pool ${entities(results.pool2)}, spaCy ${entities(results.spacy1)} ` +
      `(the sidecar drops spans with no letter or digit)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
