// The pool of sidecar workers through the real server: with 2 workers, a kill -9 of one in the
// middle of a request loses nothing and the other keeps serving (real sidecars), and a crash loop
// of one worker is contained: the other serves and the status says 1/2 (fake sidecars).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { makeCorpus } from '../../../bench/serverCorpus';
import type { SidecarWorkerStats } from '../../../shared/lsp';
import { LspTestClient } from '../../helpers/lspClient';
import { fakeSidecar, realSidecar, requireRealSidecar } from '../../helpers/paths';
import { isAlive, waitFor } from '../../helpers/waitFor';

requireRealSidecar();

let client: LspTestClient | undefined;

afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

async function workers(c: LspTestClient): Promise<SidecarWorkerStats[]> {
  return (await c.stats()).sidecar.workers ?? [];
}

describe('sidecar pool of 2 workers', { timeout: 240_000 }, () => {
  it('loses nothing when one real worker is killed -9 mid-request; the other keeps serving', async () => {
    client = await LspTestClient.start({ settings: { sidecar: { path: realSidecar, workers: 2 }, analysis: { debounceMs: 0 } } });
    const c = client;
    await c.waitForStatus((s) => s.state === 'ready' && s.workersReady === 2 && s.workersTotal === 2, { timeoutMs: 90_000 });
    const uris = Array.from({ length: 4 }, (_, i) => `file:///pool/doc${i}.md`);
    await Promise.all(uris.map((uri, i) => c.open(uri, makeCorpus(i + 11, 120_000), 'markdown')));
    const busy = await waitFor(
      async () => {
        const all = await workers(c);
        return all.length === 2 && all.every((w) => w.inFlight > 0) ? all : undefined;
      },
      { message: 'both workers analysing', intervalMs: 5, timeoutMs: 30_000 },
    );
    const [victim, survivor] = busy;
    assert.ok(victim.pid && survivor.pid);
    const statusesBefore = c.statuses.length;
    process.kill(victim.pid, 'SIGKILL');

    for (const uri of uris) {
      const published = await c.waitForDiagnostics(uri, (p) => p.version === 1, { timeoutMs: 120_000 });
      assert.ok(
        published.diagnostics.some((d) => d.code === 'PERSON'),
        `${uri} published with its entities`,
      );
    }
    const stats = await c.stats();
    assert.equal(stats.failed, 0, 'no document analysis failed: the lost request was sent again');
    assert.match(c.logText(), /Sidecar 1 died with a request in flight \(analyze\); sending it again to a ready worker/);
    const degraded = c.statuses.slice(statusesBefore).find((s) => s.workersReady === 1);
    assert.equal(degraded?.state, 'ready', 'still ready with one worker');
    const after = await waitFor(
      async () => {
        const all = await workers(c);
        return all.every((w) => w.state === 'ready') ? all : undefined;
      },
      { message: 'the killed worker back', timeoutMs: 60_000 },
    );
    assert.equal(after[1].pid, survivor.pid, 'the other worker was never disturbed');
    assert.equal(after[1].starts, 1);
    assert.equal(after[0].starts, 2);
    assert.notEqual(after[0].pid, victim.pid);
    assert.equal(isAlive(victim.pid), false);
  });

  it('contains a crash loop of one worker: the other serves, the status shows 1/2', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'samsara-fake-'));
    client = await LspTestClient.start({
      settings: { sidecar: { path: fakeSidecar, workers: 2 }, analysis: { debounceMs: 0 } },
      env: { SAMSARA_FAKE_MODE: 'crash-loop-but-first', SAMSARA_FAKE_STATE_DIR: stateDir },
    });
    const c = client;
    const contained = await c.waitForStatus((s) => s.state === 'ready' && s.workersReady === 1 && /stopped/.test(s.reason ?? ''), {
      timeoutMs: 60_000,
    });
    assert.equal(contained.workersTotal, 2);
    assert.match(contained.reason ?? '', /worker \d stopped: The sidecar failed 5 times within 3 minutes/);
    assert.equal(
      c.statuses.some((s) => s.state === 'stopped'),
      false,
      'the pool as a whole never stopped',
    );
    await c.open('file:///served.txt', 'Alice met Bob.');
    const published = await c.waitForDiagnostics('file:///served.txt', (p) => p.diagnostics.length === 2);
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['PERSON', 'PERSON']);
    const states = (await workers(c)).map((w) => w.state).sort();
    assert.deepEqual(states, ['ready', 'stopped']);
  });
});
