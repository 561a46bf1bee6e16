// Cold start over stdio, as an editor meets it: from spawning the language server to the first
// semantic tokens of a small document opened at once, beside the sidecar's own cold start (the
// bundled executable spawned alone, to its `model_loaded` line). The gap between the two is what
// the server adds (its start, the handshake, the first analysis); the rest is spaCy's. Two
// clients: one with the static legend, and one as our VS Code client (dynamic legend, sidecar
// settings at initialize), which can ask for tokens only once the provider is registered. Each
// also prints spawn → initialize answered: the server's own start (its bundle compiled and
// evaluated), before which it cannot start the model. With SAMSARA_BASELINE_SERVER=<another
// build's dist/server.js> (its .wasm files beside it), that build runs as our client too, in the
// same rounds, and the figures are printed as ratios against it.
// Figures only (medians of ROUNDS), no pass/fail: `npx tsx bench/coldStartBench.ts`.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { LspTestClient } from '../test/helpers/lspClient';
import { semanticTokens } from '../test/helpers/entityRequests';
import { realSidecar } from '../test/helpers/paths';
import { waitFor } from '../test/helpers/waitFor';
import { fmt, median } from './benchUtil';

const ROUNDS = 5;
const TEXT = 'Ada Lovelace met Charles Babbage in London on 5 June 1833.\n';

/** Spawn → the sidecar's `model_loaded` line, in ms. */
async function sidecarAlone(): Promise<number> {
  const started = performance.now();
  const child = spawn(realSidecar, [], { stdio: ['pipe', 'pipe', 'ignore'] });
  try {
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) if (line.includes('"model_loaded"')) return performance.now() - started;
    throw new Error('the sidecar ended before model_loaded');
  } finally {
    child.kill();
  }
}

/** How the client starts the server: a static legend, as our VS Code client does it, or that against the baseline build. */
type ClientKind = 'static' | 'editor' | 'baseline';
const BASELINE = process.env.SAMSARA_BASELINE_SERVER;

/** Server spawn → initialize answered, → sidecar ready (as the server reports it) and → first non-empty tokens, in ms. */
async function throughServer(kind: ClientKind): Promise<{ init: number; ready: number; tokens: number }> {
  const started = performance.now();
  const client = await LspTestClient.start({
    ...(kind === 'baseline' && BASELINE ? { serverBundle: BASELINE } : {}),
    semanticTokens: true,
    settings: { sidecar: { path: realSidecar } },
    // Our client registers the tokens provider dynamically and sends the sidecar settings at
    // initialize (the model starts then); an editor asks for tokens once the provider is registered.
    ...(kind !== 'static'
      ? { dynamicSemanticTokens: true, initializationOptions: { earlySettings: { sidecar: { path: realSidecar } } } }
      : {}),
  });
  const init = performance.now() - started;
  try {
    const uri = 'file:///cold.txt';
    await client.open(uri, TEXT);
    let tokens = 0;
    const readyAt = client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 120_000 }).then(() => performance.now() - started);
    if (kind !== 'static')
      await waitFor(() => client.registrations.some((r) => r.method === 'textDocument/semanticTokens') || undefined, {
        timeoutMs: 120_000,
        intervalMs: 5,
        message: 'the tokens provider registered',
      });
    // What an editor does: asks for the tokens at once, and again at each refresh the server asks for.
    for (let asked = 0; ; asked++) {
      const refreshes = client.tokenRefreshes;
      if ((await semanticTokens(client, uri)).data.length > 0) {
        tokens = performance.now() - started;
        break;
      }
      if (asked === 0) await readyAt;
      await waitFor(() => client.tokenRefreshes > refreshes || undefined, {
        timeoutMs: 120_000,
        intervalMs: 5,
        message: 'a tokens refresh',
      });
    }
    return { init, ready: await readyAt, tokens };
  } finally {
    await client.shutdown();
  }
}

async function main(): Promise<void> {
  const kinds: ClientKind[] = BASELINE ? ['static', 'editor', 'baseline'] : ['static', 'editor'];
  const alone: number[] = [];
  type Figures = { init: number[]; ready: number[]; tokens: number[]; gap: number[] };
  const fresh = (): Figures => ({ init: [], ready: [], tokens: [], gap: [] });
  const runs: Record<ClientKind, Figures> = { static: fresh(), editor: fresh(), baseline: fresh() };
  for (let round = 0; round < ROUNDS; round++) {
    alone.push(await sidecarAlone());
    for (const kind of kinds) {
      const run = await throughServer(kind);
      runs[kind].init.push(run.init);
      runs[kind].ready.push(run.ready);
      runs[kind].tokens.push(run.tokens);
      runs[kind].gap.push(run.tokens - run.ready);
    }
  }
  console.log(
    `cold start (median of ${ROUNDS}, each a fresh process; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}):`,
  );
  console.log(`   sidecar alone, spawn → model_loaded: ${fmt(median(alone), 0)} ms`);
  const named: Record<ClientKind, string> = {
    static: 'a client with the static legend, settings at initialized',
    editor: 'as our VS Code client: dynamic legend, sidecar settings at initialize',
    baseline: `the baseline build (${BASELINE ?? ''}) as our VS Code client`,
  };
  /** " (0.67× the baseline)" for the editor client's figures when a baseline ran. */
  const against = (kind: ClientKind, figure: 'init' | 'ready' | 'tokens'): string =>
    kind === 'editor' && BASELINE ? ` (${fmt(median(runs.editor[figure]) / median(runs.baseline[figure]), 2)}× the baseline)` : '';
  for (const kind of kinds) {
    const run = runs[kind];
    console.log(`   ${named[kind]}:`);
    console.log(`      language server spawn → initialize answered: ${fmt(median(run.init), 0)} ms${against(kind, 'init')}`);
    console.log(`      language server spawn → sidecar ready: ${fmt(median(run.ready), 0)} ms${against(kind, 'ready')}`);
    console.log(
      `      language server spawn → first tokens of a small document: ${fmt(median(run.tokens), 0)} ms (${fmt(median(run.tokens) / median(alone), 2)}× the sidecar alone)${against(kind, 'tokens')}`,
    );
    console.log(`      sidecar ready → first tokens: ${fmt(median(run.gap), 0)} ms`);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
