// Campaign benchmark (`npx tsx bench/campaignBench.ts`): 1,000 one-turn jobs through the local
// campaign runner against a loopback fake provider that answers after a fixed delay, at 1, 4 and
// 16 requests in flight; beside them the ideal rate (in flight ÷ the provider's delay) and the
// runner's overhead per job over a bare fetch, both measured in the same run. Then queue mode: the
// same 1,000 jobs enqueued on pg-boss in a private PostgreSQL (test/helpers/postgres.ts) and run
// by 1, 2 and 4 workers (4 jobs at once each, in this process), with the queue's overhead per job
// (fetch, store, complete) beside the provider's latency. CAMPAIGN_BENCH_QUEUE=0 skips it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { campaignJobs, type CampaignJob, type Passage } from '../server/src/campaigns/campaignJobs';
import { enqueueCampaign, openQueue, toQueuedJob } from '../server/src/campaigns/campaignQueue';
import { runCampaign } from '../server/src/campaigns/campaignRunner';
import { runQueueWorker } from '../server/src/campaigns/queueWorker';
import { parseCampaign } from '../server/src/campaigns/campaignSchema';
import { PROBE_SETTING_DEFAULTS } from '../server/src/probes/probeSettings';
import type { Scenario } from '../shared/probes/scenario';
import { startFakeProvider } from '../test/fixtures/fakeProviders/fakeProvider';
import { startPostgres } from '../test/helpers/postgres';

const JOBS = Number(process.env.CAMPAIGN_BENCH_JOBS ?? 1000);
const DELAY_MS = Number(process.env.CAMPAIGN_BENCH_DELAY_MS ?? 20);
const BRIEF: Scenario = { id: 'brief', title: 'Brief', preamble: '', prompt: 'Summarise: {{selection}}', followUps: [] };

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const fake = await startFakeProvider('openai', {
    respond: (r) => ({ kind: 'wait', until: later(DELAY_MS), then: { kind: 'reply', text: `Answer ${r.n}: Ada Lovelace wrote notes.` } }),
  });
  const campaign = parseCampaign('name: bench\nmodels: [openai:gpt-bench]\npassages: [{text: x}]', 'bench.yaml');
  const passages: Passage[] = Array.from({ length: JOBS }, (_, i) => ({
    id: `p${i}`,
    text: `Passage ${i}: Ada Lovelace met Charles Babbage.`,
    expect: {},
  }));
  const jobs = campaignJobs(campaign, passages, [BRIEF]);

  // Baseline: the provider's own latency as a bare fetch sees it.
  const bare: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const response = await fetch(`${fake.baseUrl}/v1/chat/completions`, { method: 'POST', body: '{"model":"m","messages":[]}' });
    await response.text();
    bare.push(performance.now() - t);
  }
  bare.sort((a, b) => a - b);
  const latency = bare[Math.floor(bare.length / 2)] ?? DELAY_MS;
  console.log(`campaign runner: ${JOBS} one-turn jobs, loopback fake provider answering in ${latency.toFixed(1)} ms (bare fetch median)`);

  const localOverhead = new Map<number, number>();
  for (const concurrency of [1, 4, 16]) {
    const folder = mkdtempSync(join(tmpdir(), 'samsara-campaign-bench-'));
    const count = concurrency === 1 ? Math.min(JOBS, 200) : JOBS;
    const started = performance.now();
    const run = await runCampaign({
      campaign: 'bench',
      jobs: jobs.slice(0, count),
      resultsFolder: folder,
      keys: () => 'bench-key',
      baseUrls: () => fake.baseUrl,
      settings: { ...PROBE_SETTING_DEFAULTS, maxRetries: 0 },
      concurrency,
      signal: new AbortController().signal,
    });
    const seconds = (performance.now() - started) / 1000;
    rmSync(folder, { recursive: true, force: true });
    const rate = run.results.length / seconds;
    const ideal = (concurrency * 1000) / latency;
    const overhead = (concurrency * 1000) / rate - latency;
    localOverhead.set(concurrency, overhead);
    console.log(
      `  local, ${String(concurrency).padStart(2)} in flight: ${rate.toFixed(1)} jobs/s (${run.results.length} jobs), ${(rate / ideal).toFixed(2)}× the ideal ${ideal.toFixed(1)} jobs/s; overhead ${overhead.toFixed(2)} ms per job beside ${latency.toFixed(1)} ms of provider latency`,
    );
  }
  if (process.env.CAMPAIGN_BENCH_QUEUE !== '0') await queueBench(jobs, fake.baseUrl, latency, localOverhead);
  await fake.close();
}

const PER_WORKER = 4;

async function queueBench(jobs: readonly CampaignJob[], baseUrl: string, latency: number, local: Map<number, number>): Promise<void> {
  const pg = await startPostgres();
  const onError = (): void => undefined;
  try {
    for (const workers of [1, 2, 4]) {
      // A campaign name per run: its keys are new, so every job runs.
      const name = `bench-${workers}`;
      const enqueuer = await openQueue(pg.url, { supervise: false, onError });
      const enqueueStarted = performance.now();
      await enqueueCampaign(
        enqueuer,
        name,
        jobs.map((job) => toQueuedJob(name, job, false)),
      );
      const enqueueMs = performance.now() - enqueueStarted;
      await enqueuer.close();
      const queues = await Promise.all(
        Array.from({ length: workers }, () => openQueue(pg.url, { supervise: false, poolSize: PER_WORKER + 1, onError })),
      );
      const started = performance.now();
      const runs = await Promise.all(
        queues.map((queue) =>
          runQueueWorker({
            queue,
            keys: () => 'bench-key',
            baseUrls: () => baseUrl,
            settings: { ...PROBE_SETTING_DEFAULTS, maxRetries: 0 },
            concurrency: PER_WORKER,
            signal: new AbortController().signal,
            exitWhenIdle: true,
            pollMs: 100,
            log: onError,
          }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(queues.map((queue) => queue.close()));
      const done = runs.reduce((a, r) => a + r.done, 0);
      const rate = done / seconds;
      const inFlight = workers * PER_WORKER;
      const ideal = (inFlight * 1000) / latency;
      const overhead = (inFlight * 1000) / rate - latency;
      const beside = local.get(inFlight);
      const extra =
        beside === undefined ? '' : ` (${(overhead - beside).toFixed(2)} ms more than the local runner at ${inFlight} in flight)`;
      console.log(
        `  queue, ${workers} worker(s) × ${PER_WORKER} in flight: ${rate.toFixed(1)} jobs/s (${done} jobs), ${(rate / ideal).toFixed(2)}× the ideal ${ideal.toFixed(1)} jobs/s; queue overhead ${overhead.toFixed(2)} ms per job beside ${latency.toFixed(1)} ms of provider latency${extra}; enqueueing ${(enqueueMs / jobs.length).toFixed(2)} ms per job`,
      );
    }
  } finally {
    await pg.stop();
  }
}

void main();
