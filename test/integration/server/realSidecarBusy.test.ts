// A busy REAL sidecar is not a hung one. Eight large documents opened together keep the bundled
// spaCy process working for seconds, while health checks go every 500 ms with a 300 ms deadline
// (a busy sidecar answers health from its reader thread, at worst a little late while spaCy holds
// the interpreter lock). It must never be killed, and every document must get its diagnostics.
// realSidecarHang.test.ts proves the other side: a SIGSTOPped sidecar is still replaced.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeCorpus } from '../../../bench/serverCorpus';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';

requireRealSidecar();

const DOCS = 8;
const DOC_CHARS = 200_000;
const SETTINGS = {
  sidecar: { path: realSidecar, workers: 1, healthCheckIntervalMs: 500, healthCheckTimeoutMs: 300 },
  analysis: { debounceMs: 0 },
};

describe('language server with the real sidecar busy on eight large documents', { timeout: 300_000 }, () => {
  let client: LspTestClient | undefined;

  before(async () => {
    client = await LspTestClient.start({ settings: SETTINGS });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });

  after(async () => {
    await client?.shutdown();
  });

  it('keeps the busy sidecar (short health settings) and publishes every document', async () => {
    assert.ok(client);
    const before = await client.stats();
    const pid = before.sidecar.pid;
    assert.ok(pid, 'a ready sidecar has a pid');
    const statusesBefore = client.statuses.length;
    const uris = Array.from({ length: DOCS }, (_, i) => `file:///busy/doc${i}.md`);
    const opened = performance.now();
    await Promise.all(uris.map((uri, i) => client?.open(uri, makeCorpus(i + 1, DOC_CHARS), 'markdown')));

    for (const uri of uris) {
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0, {
        timeoutMs: 240_000,
      });
      assert.ok(
        published.diagnostics.some((d) => d.code === 'PERSON'),
        `${uri} has PERSON entities`,
      );
    }
    const seconds = (performance.now() - opened) / 1000;

    const after = await client.stats();
    const [worker] = after.sidecar.workers ?? [];
    assert.equal(after.sidecar.pid, pid, 'the same sidecar process throughout');
    assert.equal(worker?.starts, 1, 'never restarted');
    assert.ok(
      (worker?.healthChecks ?? 0) >= 3,
      `health checks ran during the ${seconds.toFixed(1)} s of analysis (${worker?.healthChecks ?? 0} sent)`,
    );
    assert.deepEqual(
      client.statuses.slice(statusesBefore).filter((s) => s.state !== 'ready'),
      [],
      'no restart reported',
    );
    assert.doesNotMatch(client.logText(), /killing it|Sidecar lost/);
    assert.equal(after.failed, 0, 'no analysis failed');
  });
});
