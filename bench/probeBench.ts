// Probe benchmark (`npx tsx bench/probeBench.ts`): what Samsara adds per turn over a bare
// fetch to the same loopback provider, and the throughput of many concurrent probes.
// Prints figures only; the baseline is measured in the same run.
import { performance } from 'node:perf_hooks';
import { runProbe } from '../server/src/probes/probeRunner';
import { sendTurn } from '../server/src/probes/providerClient';
import { parseModelRef, resolveEndpoint } from '../server/src/probes/providers';
import { BUILTIN_SCENARIOS } from '../server/src/probes/scenarios';
import { scenarioTurns } from '../shared/probes/scenario';
import { Semaphore } from '../server/src/probes/semaphore';
import { startFakeProvider } from '../test/fixtures/fakeProviders/fakeProvider';

const TURNS = Number(process.env.PROBE_BENCH_TURNS ?? 600);
const PROBES = Number(process.env.PROBE_BENCH_PROBES ?? 200);
const CONCURRENCY = 16;
const ROUNDS = 7;
const TEXT = 'Ada Lovelace worked with Charles Babbage on the Analytical Engine in London.';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function main(): Promise<void> {
  const fake = await startFakeProvider('openai', {
    respond: (r) => ({ kind: 'reply', text: `Answer ${r.n}: a short reply of a few words.` }),
  });
  const ref = parseModelRef('openai:gpt-4o');
  const endpoint = resolveEndpoint(ref, 'bench-key', fake.baseUrl);
  const scenario = BUILTIN_SCENARIOS[0];
  const messages = [{ role: 'user' as const, content: `Summarise: ${TEXT}` }];
  const request = endpoint.wire.buildRequest({
    baseUrl: endpoint.baseUrl,
    model: ref.model,
    apiKey: endpoint.apiKey,
    system: scenario.preamble,
    messages,
    stream: false,
    streamUsage: false,
    sampling: { maxTokens: 1024 },
  });
  const never = new AbortController().signal;
  const retry = { maxRetries: 0, baseDelayMs: 100, maxDelayMs: 1000, minDelayMs: 100 };
  const semaphore = new Semaphore(CONCURRENCY);

  const bare = async (): Promise<void> => {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    JSON.parse(await response.text());
  };
  const samsara = async (): Promise<void> => {
    const result = await sendTurn({
      endpoint,
      model: ref.model,
      system: scenario.preamble,
      messages,
      timeoutMs: 60_000,
      retry,
      signal: never,
      semaphore,
      stream: false,
      sampling: { maxTokens: 1024 },
      maxResponseBytes: 10_485_760,
    });
    if (!result.ok) throw result.error;
  };

  for (let i = 0; i < 200; i++) {
    await bare();
    await samsara();
  }
  // Interleaved so both see the same machine state.
  const bareTimes: number[] = [];
  const samsaraTimes: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    for (const [fn, times] of (i % 2 === 0
      ? [
          [bare, bareTimes],
          [samsara, samsaraTimes],
        ]
      : [
          [samsara, samsaraTimes],
          [bare, bareTimes],
        ]) as Array<[() => Promise<void>, number[]]>) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
  }
  const bareMedian = median(bareTimes);
  const samsaraMedian = median(samsaraTimes);
  console.log(`probe per-turn latency over ${TURNS} sequential turns to a loopback OpenAI-style server:`);
  console.log(`  bare fetch         median ${bareMedian.toFixed(3)} ms  p90 ${percentile(bareTimes, 0.9).toFixed(3)} ms`);
  console.log(`  Samsara sendTurn   median ${samsaraMedian.toFixed(3)} ms  p90 ${percentile(samsaraTimes, 0.9).toFixed(3)} ms`);
  console.log(
    `  overhead           ${(samsaraMedian - bareMedian).toFixed(3)} ms per turn (target <= 5 ms), ratio ${(samsaraMedian / bareMedian).toFixed(2)}x`,
  );

  // Throughput: many 3-turn probes at once, through the same per-provider limit.
  const turnsPerProbe = 1 + scenario.followUps.length;
  const total = PROBES * turnsPerProbe;
  const samsaraRun = async (): Promise<number> => {
    const t0 = performance.now();
    const transcripts = await Promise.all(
      Array.from({ length: PROBES }, () =>
        runProbe({
          text: TEXT,
          provider: ref.provider,
          model: ref.model,
          scenario,
          endpoint,
          timeoutMs: 60_000,
          retry,
          semaphore,
          signal: new AbortController().signal,
        }),
      ),
    );
    failed += transcripts.filter((t) => t.run.outcome !== 'completed').length;
    return (performance.now() - t0) / 1000;
  };
  let failed = 0;
  // Baseline: the same conversations (growing history each turn) with bare fetch, CONCURRENCY at a time.
  const bareProbe = async (): Promise<void> => {
    const history: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    for (const prompt of scenarioTurns(scenario).map((t) => t.prompt.replace('{{selection}}', TEXT))) {
      history.push({ role: 'user', content: prompt });
      const turn = endpoint.wire.buildRequest({
        baseUrl: endpoint.baseUrl,
        model: ref.model,
        apiKey: endpoint.apiKey,
        system: scenario.preamble,
        messages: history,
        stream: false,
        streamUsage: false,
        sampling: { maxTokens: 1024 },
      });
      const response = await fetch(turn.url, { method: 'POST', headers: turn.headers, body: turn.body });
      const body = JSON.parse(await response.text()) as { choices: Array<{ message: { content: string } }> };
      history.push({ role: 'assistant', content: body.choices[0].message.content });
    }
  };
  const bareRun = async (): Promise<number> => {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < PROBES) await bareProbe();
      }),
    );
    return (performance.now() - t0) / 1000;
  };
  // Throughput swings with JIT warm-up and GC: warm both up, then alternate rounds and take medians.
  await samsaraRun();
  await bareRun();
  const samsaraSeconds: number[] = [];
  const bareSecondsList: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    samsaraSeconds.push(await samsaraRun());
    bareSecondsList.push(await bareRun());
  }
  const seconds = median(samsaraSeconds);
  const bareSeconds = median(bareSecondsList);
  console.log(`concurrent probes: ${PROBES} probes x ${turnsPerProbe} turns, at most ${CONCURRENCY} requests in flight:`);
  console.log(
    `  Samsara            ${(PROBES / seconds).toFixed(1)} probes/s, ${(total / seconds).toFixed(0)} turns/s (${failed} failed, median of ${ROUNDS} rounds)`,
  );
  console.log(
    `  bare fetch         ${(PROBES / bareSeconds).toFixed(1)} probes/s, ${(total / bareSeconds).toFixed(0)} turns/s (same conversations)`,
  );
  console.log(
    `  ratio              ${(bareSeconds / seconds).toFixed(2)}x of bare fetch throughput (client and fake server share this process's CPU)`,
  );
  await fake.close();
}

void main();
