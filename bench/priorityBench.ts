// What the user looks at goes first (sections 3 and 4 of the server bench). On a fresh server
// with a warm sidecar and an empty cache, a 1.5 MB document is opened and a range request for its
// first screen (60 lines) is timed to its answer; then, while that document is still being
// analysed in the background, edits in a small document are timed to their semantic tokens delta,
// beside the same edits once the big document is closed (nothing else to do).
import { jargonProse } from '../test/helpers/corpus';
import type { LspTestClient } from '../test/helpers/lspClient';
import { decodeTokens } from '../test/helpers/semanticTokens';
import { fmt, median, startServer } from './benchUtil';
import { semanticTokens, semanticTokensDelta, semanticTokensRange, tokenLegend } from '../test/helpers/entityRequests';

const ROUNDS = 3;
const SMALL_EDITS = 10;
const SMALL = [
  'Angela Merkel met Barack Obama in Berlin on Monday.',
  '',
  'Later, Obama flew to Paris, and Merkel stayed in Berlin.',
  '',
  'The committee met again in Lisbon in May.',
].join('\n');

export async function priorityBench(): Promise<void> {
  const big = jargonProse(1_500_000);
  const rangeMs: number[] = [];
  const rangeTokens: number[] = [];
  const busyMs: number[] = [];
  const idleMs: number[] = [];
  let batches = '';
  for (let round = 0; round < ROUNDS; round++) {
    // A fresh server each round: nothing of the big document in its cache.
    const client = await startServer({ analysis: { debounceMs: 0 } });
    try {
      const small = `file:///bench/small${round}.txt`;
      await client.open(small, SMALL);
      let resultId = (await semanticTokens(client, small)).resultId ?? '';
      const uri = `file:///bench/big${round}.txt`;
      const start = performance.now();
      await client.open(uri, big);
      const range = await semanticTokensRange(client, uri, { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } });
      rangeMs.push(performance.now() - start);
      rangeTokens.push(decodeTokens(range.data, tokenLegend(client)).length);
      const edit = async (version: number): Promise<number> => {
        const begin = performance.now();
        await client.change(small, version, [
          { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: `Oslo${version} ` },
        ]);
        const delta = await semanticTokensDelta(client, small, resultId);
        resultId = delta.resultId ?? '';
        return performance.now() - begin;
      };
      for (let i = 0; i < SMALL_EDITS; i++) busyMs.push(await edit(2 + i));
      const stats = await client.stats();
      batches = `${stats.interactiveBatches} interactive and ${stats.backgroundBatches} background batches sent by then`;
      await client.close(uri);
      await settle(client);
      for (let i = 0; i < SMALL_EDITS; i++) idleMs.push(await edit(2 + SMALL_EDITS + i));
    } finally {
      await client.shutdown();
    }
  }
  console.log(
    `\n3. didOpen of a 1.5 MB document (${fmt(big.length / 1e6, 2)} M characters) -> semanticTokens/range for its first 60 lines`,
  );
  console.log(
    `   answered in median ${fmt(median(rangeMs), 0)} ms (${rangeMs.map((ms) => fmt(ms, 0)).join(', ')} ms) with ${median(rangeTokens)} tokens; fresh server, warm sidecar  (target <= 300 ms)`,
  );
  console.log('\n4. edit in a small document -> its semantic tokens delta, while the 1.5 MB document is analysed');
  console.log(
    `   during the analysis: median ${fmt(median(busyMs), 0)} ms, max ${fmt(Math.max(...busyMs), 0)} ms over ${busyMs.length} edits  (target <= 150 ms; ${batches})`,
  );
  console.log(`   with nothing else to do: median ${fmt(median(idleMs), 0)} ms, max ${fmt(Math.max(...idleMs), 0)} ms`);
}

/** Waits until the background batch under way when the big document closed has been answered. */
async function settle(client: LspTestClient): Promise<void> {
  let last = -1;
  for (;;) {
    const { requests } = await client.stats();
    if (requests === last) return;
    last = requests;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
