// A sidecar stuck in one analysis while its health checks are answered (the reader thread lives,
// the work does not move): health alone would keep it forever. Its progress fields show it (busy_s
// grows far past the request deadline, requests_done stays), so it is replaced, and the document
// whose analysis it swallowed is analysed by its successor. Fake sidecar (mode stuck-once): a
// real one cannot be made to loop on purpose.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LspTestClient } from '../../helpers/lspClient';
import { fakeSidecar } from '../../helpers/paths';

describe('a sidecar stuck on one request', { timeout: 120_000 }, () => {
  it('is replaced once it has worked on it far past the deadline with nothing finished', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'samsara-fake-'));
    // Request deadline 1 s: "stuck" is 2 deadlines, but never under 30 s (a slow machine is not stuck).
    const client = await LspTestClient.start({
      settings: {
        sidecar: { path: fakeSidecar, workers: 1, healthCheckIntervalMs: 500, requestTimeoutMs: 1000 },
        analysis: { debounceMs: 0 },
      },
      env: { SAMSARA_FAKE_MODE: 'stuck-once', SAMSARA_FAKE_STATE_DIR: stateDir },
    });
    try {
      const ready = await client.waitForStatus((s) => s.state === 'ready');
      const uri = 'file:///stuck.txt';
      await client.open(uri, 'Alice met Bob.');
      const restarting = await client.waitForStatus((s) => s.state === 'restarting', { timeoutMs: 60_000 });
      assert.match(restarting.reason ?? '', /worked on one request for \d+ s and finished none for \d+ s \(limit 30 s\): stuck/);
      const replaced = await client.waitForStatus((s) => s.state === 'ready' && s.pid !== ready.pid);
      assert.ok(replaced.pid);
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2, { timeoutMs: 30_000 });
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['PERSON', 'PERSON'],
      );
      // Its health was answered all along: it was not taken for a hung one.
      assert.doesNotMatch(client.logText(), /health checks in a row/);
    } finally {
      await client.shutdown();
    }
  });
});
