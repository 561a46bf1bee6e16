// A queue worker: fetches campaign jobs from pg-boss a few at a time, runs each through
// runCampaignJob (the one probe entry point, as the local runner does) with this machine's keys,
// stores the result in the transcript table (and as a file when asked), then completes the job. A result already stored (a previous run of the job
// stored it, then its worker died before completing) is not sent again. Database outages (a
// restart) are waited out: stores are retried with backoff, fetches resume when it is back.
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import type { Remedy } from '../probes/errors';
import type { ProbeEngineSettings } from '../probes/probeEntry';
import type { Sleep } from '../probes/providerClient';
import type { ProviderLimits } from '../probes/semaphore';
import { CAMPAIGN_QUEUE, queuedJobSchema, type QueueConnection, type QueuedJob } from './campaignQueue';
import { jobEngine, runCampaignJob } from './campaignJobRun';
import { storeResultFile, type JobResult } from './campaignResults';
import type { AnalyzeIn } from './passageLanguage';
import { isStored, storeResult } from './transcriptTable';

export interface QueueWorkerOptions {
  queue: QueueConnection;
  keys: (provider: string) => string | undefined;
  baseUrls?: (provider: string) => string | undefined;
  settings: ProbeEngineSettings;
  /** Jobs run at once by this worker (also the requests in flight per provider). */
  concurrency: number;
  /** Stops fetching; jobs in flight finish and are stored. */
  signal: AbortSignal;
  /** Stop once the queue has nothing left and no job is running (a batch worker, the bench). */
  exitWhenIdle?: boolean;
  pollMs?: number;
  /** The analysis in a passage's language, for jobs whose expectations need entities (each language's model started on first need). */
  analyzeIn?: AnalyzeIn;
  remedy?: Remedy;
  /** The per-provider limits (tests give one with their own clock); default: one for this worker. */
  limits?: ProviderLimits;
  /** The retry waits (tests pin them down). */
  sleep?: Sleep;
  /** Also write each result as <key>.json here (the local runner's results format). */
  transcriptsFolder?: string;
  /** A line about the worker's state; the caller takes secrets out before it is shown. */
  log: (line: string) => void;
  onJob?: (job: QueuedJob, result: JobResult, stored: boolean) => void;
}

/** A wait of ms that ends early when the signal aborts or on cancel(); leaves no listener behind. */
function pause(ms: number, signal: AbortSignal): { promise: Promise<void>; cancel: () => void } {
  let cancel: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    cancel = done;
  });
  return { promise, cancel };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Retries a database call through an outage (about a minute), then gives up with its error. */
async function patiently<T>(what: string, call: () => Promise<T>, log: (line: string) => void): Promise<T> {
  let wait = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= 12) throw error;
      log(`${what} failed (${message(error)}); trying again in ${wait} ms`);
      await delay(wait);
      wait = Math.min(wait * 2, 8000);
    }
  }
}

export async function runQueueWorker(options: QueueWorkerOptions): Promise<{ done: number }> {
  const { queue, log } = options;
  const worker = `${hostname()}:${process.pid}`;
  // One for the worker: a provider's concurrency and its rate-limit pauses hold across its jobs.
  const engine = jobEngine(options);
  const pollMs = options.pollMs ?? 500;
  const running = new Set<Promise<void>>();
  let done = 0;

  const runOne = async (job: PgBoss.Job<unknown>): Promise<void> => {
    const parsed = queuedJobSchema.safeParse(job.data);
    if (!parsed.success) {
      log(`job ${job.id} is not a campaign job (${parsed.error.issues[0]?.message}); failed`);
      await queue.boss.fail(CAMPAIGN_QUEUE, job.id, { error: 'not a campaign job' }).catch(() => undefined);
      return;
    }
    const data = parsed.data;
    try {
      if (!(await patiently('reading the table', () => isStored(queue.pool, data.campaign, data.key), log))) {
        let stored = false;
        const result = await runCampaignJob(data.campaign, data, engine, {
          // Not the stop signal: a worker asked to stop finishes the jobs it holds.
          signal: new AbortController().signal,
          ...(data.entities && options.analyzeIn ? { analyzeIn: options.analyzeIn } : {}),
          store: async (r) => {
            stored = await patiently('storing the result', () => storeResult(queue.pool, r, worker), log);
            if (options.transcriptsFolder) await storeResultFile(options.transcriptsFolder, r);
          },
        });
        if (result) options.onJob?.(data, result, stored);
      }
      await patiently('completing the job', () => queue.boss.complete(CAMPAIGN_QUEUE, job.id), log);
      done++;
    } catch (error) {
      // pg-boss runs it again (once); if even failing cannot be recorded, the job expires and is retried.
      log(`job ${data.model} · ${data.scenario.id} · ${data.passage.id} #${data.repeat} failed: ${message(error)}`);
      await queue.boss.fail(CAMPAIGN_QUEUE, job.id, { error: message(error) }).catch(() => undefined);
    }
  };

  let outage = false;
  while (!options.signal.aborted) {
    const free = options.concurrency - running.size;
    if (free > 0) {
      let jobs: PgBoss.Job<unknown>[] = [];
      try {
        jobs = (await queue.boss.fetch<unknown>(CAMPAIGN_QUEUE, { batchSize: free })) ?? [];
        if (outage) log('the queue is reachable again');
        outage = false;
      } catch (error) {
        if (!outage) log(`cannot fetch jobs (${message(error)}); waiting for the database`);
        outage = true;
      }
      for (const job of jobs) {
        const task: Promise<void> = runOne(job).finally(() => running.delete(task));
        running.add(task);
      }
      if (jobs.length > 0) continue;
      if (options.exitWhenIdle && running.size === 0 && !outage) break;
    }
    const wait = pause(pollMs, options.signal);
    await Promise.race([...running, wait.promise]);
    wait.cancel();
  }
  await Promise.all(running);
  return { done };
}
