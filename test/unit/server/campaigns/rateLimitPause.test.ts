// A provider's rate limit holds for every job of that provider: after a 429 that says when to come
// back (Retry-After, or the providers' reset headers), no job of the campaign sends to it before
// then — not only the job that was told. A loopback fake provider speaks OpenAI's wire format; the
// time is virtual (the limits' clock moves only while a request waits out a pause), so the test
// asserts when each request was sent, without sleeping.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { Scenario } from '../../../../shared/probes/scenario';
import type { CampaignJob } from '../../../../server/src/campaigns/campaignJobs';
import { runCampaign } from '../../../../server/src/campaigns/campaignRunner';
import { PROBE_SETTING_DEFAULTS } from '../../../../server/src/probes/probeSettings';
import { ProviderLimits, Semaphore } from '../../../../server/src/probes/semaphore';
import type { FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { rateLimitingProvider, virtualClock } from '../../../helpers/virtualClock';

const scenario: Scenario = { id: 'brief', title: 'Brief', preamble: '', prompt: 'Summarise: {{selection}}', followUps: [] };

function jobs(n: number): CampaignJob[] {
  return Array.from({ length: n }, (_, i) => ({
    key: String(i + 1).padStart(32, '0'),
    passage: { id: `p${i + 1}`, text: `Note ${i + 1}: Ada Lovelace wrote to Babbage.`, expect: {} },
    scenario,
    model: 'openai:gpt-test',
    repeat: 1,
  }));
}

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('rate-limit pauses across a campaign’s jobs', () => {
  const hints: Array<[string, Record<string, string>]> = [
    ['Retry-After', { 'retry-after': '7' }],
    ['a rate-limit reset header', { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '7s' }],
  ];
  for (const [what, headers] of hints) {
    it(`a 429 with ${what} holds every job of the provider until the time it names`, async () => {
      const clock = virtualClock();
      // The first two jobs go out together; the jobs that start after the 429 are the ones the pause must hold.
      const paced = await rateLimitingProvider(clock, headers);
      fake = paced.fake;
      const { sentAt } = paced;
      const retryWaits: number[] = [];
      const run = await runCampaign({
        campaign: 'paced',
        jobs: jobs(4),
        resultsFolder: mkdtempSync(join(tmpdir(), 'samsara-paced-')),
        keys: () => 'sk-paced-0a1b2c3d',
        baseUrls: () => fake?.baseUrl,
        settings: { ...PROBE_SETTING_DEFAULTS, maxRetries: 2 },
        concurrency: 2,
        signal: new AbortController().signal,
        limits: new ProviderLimits(2, clock),
        sleep: async (ms) => {
          retryWaits.push(ms);
          paced.told();
        },
      });
      assert.deepEqual(
        run.results.map((r) => r.transcript.run.outcome),
        ['completed', 'completed', 'completed', 'completed'],
      );
      assert.equal(fake.requests.length, 5, 'four jobs and one retry');
      assert.deepEqual(retryWaits, [7000], 'the job told waits what it was told');
      assert.deepEqual(sentAt.slice(1, 3), [0, 0], 'the first two jobs went out together');
      // The retry and both later jobs: none before the 7 s the provider asked for.
      for (const n of [3, 4, 5]) assert.ok(sentAt[n] >= 7000, `request ${n} waited for the pause (sent at ${sentAt[n]} ms)`);
    });
  }

  it('a pause holds a waiter already queued for a slot; other providers are not held', async () => {
    const clock = virtualClock();
    const limits = new ProviderLimits(1, clock);
    const openai = limits.for('openai');
    const release = await openai.acquire();
    const queued = openai.acquire();
    openai.pauseFor(5000);
    release();
    (await queued)();
    assert.equal(clock.now(), 5000, 'the queued request started once the pause was over');
    const other: Semaphore = limits.for('anthropic');
    (await other.acquire())();
    assert.equal(clock.waits.length, 1, 'another provider does not wait');
  });
});
