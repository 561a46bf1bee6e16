// Campaign benchmark (`npx tsx bench/campaignBench.ts`): 1,000 one-turn jobs through the local
// campaign runner against a loopback fake provider that answers after a fixed delay, at 1, 4 and
// 16 requests in flight; beside them the ideal rate (in flight ÷ the provider's delay) and the
// runner's overhead per job over a bare fetch, both measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { campaignJobs, type Passage } from '../server/src/campaigns/campaignJobs';
import { runCampaign } from '../server/src/campaigns/campaignRunner';
import { parseCampaign } from '../server/src/campaigns/campaignSchema';
import { PROBE_SETTING_DEFAULTS } from '../server/src/probes/probeSettings';
import type { Scenario } from '../shared/probes/scenario';
import { startFakeProvider } from '../test/fixtures/fakeProviders/fakeProvider';

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
    console.log(
      `  local, ${String(concurrency).padStart(2)} in flight: ${rate.toFixed(1)} jobs/s (${run.results.length} jobs), ${(rate / ideal).toFixed(2)}× the ideal ${ideal.toFixed(1)} jobs/s; overhead ${overhead.toFixed(2)} ms per job beside ${latency.toFixed(1)} ms of provider latency`,
    );
  }
  console.log('  queue mode (pg-boss): not built yet');
  await fake.close();
}

void main();
