// `shutdown` while the REAL sidecar analyses a 300 KB document: answered at once, with the work in
// flight abandoned (not awaited: some clients give up after 1.5 s), the sidecar stopped after the
// answer, and nothing left running after `exit`. Order and state are asserted here; the time it
// takes is printed by bench/shutdownBench.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeCorpus } from '../../../bench/serverCorpus';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { isAlive, waitFor } from '../../helpers/waitFor';

requireRealSidecar();

describe('shutdown while the real sidecar is busy', { timeout: 120_000 }, () => {
  it('is answered with the analysis in flight abandoned, and no sidecar outlives exit', async () => {
    const client = await LspTestClient.start({ settings: { sidecar: { path: realSidecar, workers: 1 }, analysis: { debounceMs: 0 } } });
    try {
      await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
      const uri = 'file:///large.md';
      await client.open(uri, makeCorpus(7, 300_000), 'markdown');
      const busy = await waitFor(
        async () => {
          const { sidecar } = await client.stats();
          return (sidecar.workers?.[0]?.inFlight ?? 0) > 0 ? sidecar : undefined;
        },
        { message: 'an analysis request in flight', intervalMs: 5 },
      );
      const pids = (busy.workers ?? []).flatMap((w) => (w.pid === undefined ? [] : [w.pid]));
      assert.equal(pids.length, 1);

      await client.request('shutdown', null);
      // The answer came while the analysis was still running: its requests were abandoned, and
      // the document (five 64 KB batches) was never published.
      const abandoned = /Shutting down: (\d+) sidecar request\(s\) in flight abandoned/.exec(client.logText());
      assert.ok(abandoned, `the server logged what it abandoned:\n${client.logText()}`);
      assert.ok(Number(abandoned[1]) >= 1, abandoned[0]);
      assert.equal(client.publicationCount(uri), 0, 'no diagnostics from the abandoned analysis');
      // The sidecar was not asked to finish its queue first (that is what made shutdown slow).
      assert.doesNotMatch(client.logText(), /\[sidecar\] shutdown requested/);

      await client.notify('exit');
      const exited = await client.exited;
      assert.deepEqual(exited, { code: 0, signal: null });
      for (const pid of pids) await waitFor(() => !isAlive(pid), { timeoutMs: 5000, message: `sidecar ${pid} gone after exit` });
    } finally {
      await client.shutdown();
    }
  });
});
