// A rate limit within a queue worker: jobs from pg-boss (a private PostgreSQL,
// test/helpers/postgres.ts) run two at a time by one worker against a fake provider that answers
// the first request 429 with a retry hint; the retry and every later job of that provider wait
// for the time the provider named, not only the job that was told. The time is virtual (the
// worker's limits take the test's clock), so the test asserts when each request went out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { campaignJobs } from '../../../../server/src/campaigns/campaignJobs';
import { enqueueCampaign, openQueue, toQueuedJob, type QueueConnection } from '../../../../server/src/campaigns/campaignQueue';
import { parseCampaign } from '../../../../server/src/campaigns/campaignSchema';
import { readStoredResults } from '../../../../server/src/campaigns/transcriptTable';
import { runQueueWorker } from '../../../../server/src/campaigns/queueWorker';
import { PROBE_SETTING_DEFAULTS } from '../../../../server/src/probes/probeSettings';
import { ProviderLimits } from '../../../../server/src/probes/semaphore';
import type { FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { startPostgres, type PostgresServer } from '../../../helpers/postgres';
import { rateLimitingProvider, virtualClock } from '../../../helpers/virtualClock';

let pg: PostgresServer;
let queue: QueueConnection;
let fake: FakeProvider | undefined;

before(async () => {
  pg = await startPostgres();
  queue = await openQueue(pg.url, { supervise: false, onError: () => undefined });
});
after(async () => {
  await queue?.close();
  await fake?.close();
  await pg?.stop();
});

describe('a queue worker’s rate-limit pauses', () => {
  it('a 429 with Retry-After holds every job of that provider in the worker until the time it names', async () => {
    const campaign = parseCampaign('name: paced\nmodels: [openai:gpt-paced]\npassages: [{text: x}]', 'paced.yaml');
    const passages = [1, 2, 3, 4].map((i) => ({ id: `p${i}`, text: `Note ${i}: Ada Lovelace wrote to Babbage.`, expect: {} }));
    const scenario = { id: 'brief', title: 'Brief', preamble: '', prompt: 'Summarise: {{selection}}', followUps: [] };
    const jobs = campaignJobs(campaign, passages, [scenario]).map((job) => toQueuedJob('paced', job, false));
    assert.deepEqual(await enqueueCampaign(queue, 'paced', jobs), { queued: 4, done: 0 });

    const clock = virtualClock();
    const paced = await rateLimitingProvider(clock, { 'retry-after': '7' });
    fake = paced.fake;
    const retryWaits: number[] = [];
    const { done } = await runQueueWorker({
      queue,
      keys: () => 'sk-worker-paced-5e6f7a8b',
      baseUrls: () => paced.fake.baseUrl,
      settings: { ...PROBE_SETTING_DEFAULTS, maxRetries: 2 },
      concurrency: 2,
      signal: new AbortController().signal,
      exitWhenIdle: true,
      pollMs: 50,
      limits: new ProviderLimits(2, clock),
      sleep: async (ms) => {
        retryWaits.push(ms);
        paced.told();
      },
      log: () => undefined,
    });
    assert.equal(done, 4);
    const stored = await readStoredResults(queue.pool, 'paced');
    assert.deepEqual(
      [...stored.values()].map((r) => r.transcript.run.outcome),
      ['completed', 'completed', 'completed', 'completed'],
    );
    assert.equal(paced.fake.requests.length, 5, 'four jobs and one retry');
    assert.deepEqual(retryWaits, [7000]);
    assert.deepEqual(paced.sentAt.slice(1, 3), [0, 0], 'the worker’s first two jobs went out together');
    for (const n of [3, 4, 5]) assert.ok(paced.sentAt[n] >= 7000, `request ${n} waited for the pause (sent at ${paced.sentAt[n]} ms)`);
  });
});
