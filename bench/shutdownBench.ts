// Shutdown latency (`npx tsx bench/shutdownBench.ts`): LSP `shutdown` sent while the real
// sidecar analyses a 300 KB markdown document, to its answer; beside, in the same run, how long
// the analysis of that document takes (what a shutdown that waited for it would cost). Some
// clients give up after 1.5 s (Emacs eglot); the target is 200 ms. Prints figures; asserts nothing.
import { makeCorpus } from './serverCorpus';
import { LspTestClient } from '../test/helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../test/helpers/paths';
import { waitFor } from '../test/helpers/waitFor';

const RUNS = 5;
const DOC_CHARS = 300_000;
const SETTINGS = { sidecar: { path: realSidecar, workers: 1 }, analysis: { debounceMs: 0 } };

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function readyClient(): Promise<LspTestClient> {
  const client = await LspTestClient.start({ settings: SETTINGS });
  await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  return client;
}

/** Open to diagnostics of the whole document: the work a waiting shutdown would sit behind. */
async function analysisMs(text: string): Promise<number> {
  const client = await readyClient();
  try {
    const uri = 'file:///bench/analysis.md';
    const published = client.nextPublication(uri, (p) => p.diagnostics.length > 0);
    const started = performance.now();
    await client.open(uri, text, 'markdown');
    return (await published).at - started;
  } finally {
    await client.shutdown();
  }
}

/** `shutdown` sent with an analysis request in flight, to its answer. */
async function shutdownMs(text: string): Promise<number> {
  const client = await readyClient();
  try {
    await client.open('file:///bench/shutdown.md', text, 'markdown');
    await waitFor(async () => ((await client.stats()).sidecar.workers?.[0]?.inFlight ?? 0) > 0, { intervalMs: 5 });
    const started = performance.now();
    await client.request('shutdown', null);
    const elapsed = performance.now() - started;
    await client.notify('exit');
    await client.exited;
    return elapsed;
  } finally {
    await client.shutdown();
  }
}

async function main(): Promise<void> {
  requireRealSidecar();
  const text = makeCorpus(7, DOC_CHARS);
  const analysis = await analysisMs(text);
  const shutdowns: number[] = [];
  for (let i = 0; i < RUNS; i++) shutdowns.push(await shutdownMs(text));
  const med = median(shutdowns);
  console.log(`shutdown bench: ${(text.length / 1000).toFixed(0)} KB markdown document being analysed, ${RUNS} runs`);
  console.log(`  analysis of the document (open → diagnostics): ${analysis.toFixed(0)} ms`);
  console.log(
    `  shutdown answered in: median ${med.toFixed(1)} ms, max ${Math.max(...shutdowns).toFixed(1)} ms ` +
      `(${shutdowns.map((ms) => ms.toFixed(1)).join(', ')})`,
  );
  console.log(`  shutdown/analysis: ${((med / analysis) * 100).toFixed(2)} % (target: under 200 ms; eglot gives up at 1500 ms)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
