// Cold start over stdio, as an editor meets it: from spawning the language server to the first
// semantic tokens of a small document opened at once, beside the sidecar's own cold start (the
// bundled executable spawned alone, to its `model_loaded` line). The gap between the two is what
// the server adds (its start, the handshake, the first analysis); the rest is spaCy's.
// Figures only (medians of ROUNDS), no pass/fail: `npx tsx bench/coldStartBench.ts`.
import { spawn } from 'node:child_process';
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

/** Server spawn → sidecar ready (as the server reports it) and → first non-empty tokens, in ms. */
async function throughServer(): Promise<{ ready: number; tokens: number }> {
  const started = performance.now();
  const client = await LspTestClient.start({ semanticTokens: true, settings: { sidecar: { path: realSidecar } } });
  try {
    const uri = 'file:///cold.txt';
    await client.open(uri, TEXT);
    let tokens = 0;
    const readyAt = client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 120_000 }).then(() => performance.now() - started);
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
    return { ready: await readyAt, tokens };
  } finally {
    await client.shutdown();
  }
}

async function main(): Promise<void> {
  const alone: number[] = [];
  const ready: number[] = [];
  const tokens: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    alone.push(await sidecarAlone());
    const run = await throughServer();
    ready.push(run.ready);
    tokens.push(run.tokens);
  }
  console.log(`cold start (median of ${ROUNDS}, each a fresh process):`);
  console.log(`   sidecar alone, spawn → model_loaded: ${fmt(median(alone), 0)} ms`);
  console.log(`   language server spawn → sidecar ready: ${fmt(median(ready), 0)} ms`);
  console.log(
    `   language server spawn → first tokens of a small document: ${fmt(median(tokens), 0)} ms (${fmt(median(tokens) / median(alone), 2)}× the sidecar alone)`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
