// A hung REAL sidecar: the bundled spaCy process is frozen with SIGSTOP (it keeps its pipes open
// and never answers, unlike a crash). The health checks must notice, kill it and start a new one,
// and an edit made while it hung must still get its diagnostics, exactly once.
// failureModes.test.ts covers the same with a fake sidecar; this one proves it with the real bundle.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { isAlive, waitFor } from '../../helpers/waitFor';

requireRealSidecar();

// Checks every 500 ms (the settings' minimum); a deadline of 1 s keeps a busy but healthy real
// sidecar (one small analyze in the queue before the check) from being taken for a hung one.
const SETTINGS = {
  sidecar: { path: realSidecar, healthCheckIntervalMs: 500, healthCheckTimeoutMs: 1000, workers: 1 },
  analysis: { debounceMs: 0 },
};

/** Leaves nothing frozen behind, whatever happened: a stopped process would outlive the run. */
function release(pid: number): void {
  if (!isAlive(pid)) return;
  for (const signal of ['SIGCONT', 'SIGKILL'] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

describe('language server with the real sidecar hung (SIGSTOP)', { timeout: 180_000 }, () => {
  let client: LspTestClient | undefined;
  const frozen: number[] = [];

  before(async () => {
    client = await LspTestClient.start({ settings: SETTINGS });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });

  after(async () => {
    frozen.forEach(release);
    await client?.shutdown();
    frozen.forEach(release);
  });

  it('detects the hung sidecar, replaces it, and an edit made while it hung gets its diagnostics once', async () => {
    assert.ok(client);
    const uri = 'file:///hung.txt';
    await client.open(uri, 'Barack Obama visited Paris.');
    const first = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, { timeoutMs: 60_000 });
    assert.deepEqual(first.diagnostics.map((d) => d.code).sort(), ['GPE', 'PERSON']);

    const { sidecar, requests } = await client.stats();
    assert.equal(sidecar.state, 'ready');
    const pid = sidecar.pid;
    assert.ok(pid, 'the ready sidecar has a pid');
    const statusesBefore = client.statuses.length;
    const published = client.publicationCount(uri);

    process.kill(pid, 'SIGSTOP');
    frozen.push(pid);
    // The edit goes to the frozen process: it is still "ready" until its health checks fail.
    await client.change(uri, 2, [{ text: 'Angela Merkel met Emmanuel Macron in Berlin.' }]);
    const sent = client;
    await waitFor(async () => (await sent.stats()).requests > requests, { message: 'the analyze request sent to the hung sidecar' });
    assert.equal(
      client.statuses.slice(statusesBefore).some((s) => s.state !== 'ready'),
      false,
      `the edit was sent before the hang was detected (statuses: ${JSON.stringify(client.statuses.slice(statusesBefore))})`,
    );

    const restarting = await client.waitForStatus((s) => s.state === 'restarting', { after: statusesBefore, timeoutMs: 30_000 });
    assert.match(restarting.reason ?? '', /failed 3 health checks in a row/);
    const restartingAt = client.statuses.indexOf(restarting);
    const replaced = await client.waitForStatus((s) => s.state === 'ready', { after: restartingAt, timeoutMs: 60_000 });
    assert.ok(replaced.pid, 'the new sidecar has a pid');
    assert.notEqual(replaced.pid, pid, 'a new process, not the frozen one resumed');
    await waitFor(() => !isAlive(pid), { timeoutMs: 10_000, message: `the hung sidecar ${pid} killed` });
    assert.equal((await client.stats()).sidecar.pid, replaced.pid);

    // No analysis lost: the request caught in the hung process was sent again to its successor.
    const edited = await client.waitForDiagnostics(uri, (p) => p.version === 2, { after: published, timeoutMs: 60_000 });
    const persons = edited.diagnostics.filter((d) => d.code === 'PERSON').map((d) => d.range.start.character);
    assert.deepEqual(
      persons.sort((a, b) => a - b),
      [0, 18],
      JSON.stringify(edited.diagnostics),
    );
    assert.ok(
      edited.diagnostics.some((d) => d.code === 'GPE' && d.range.start.character === 37),
      JSON.stringify(edited.diagnostics),
    );
    assert.match(client.logText(), /Sidecar died with a request in flight \(analyze\); sending it again/);
    assert.equal(client.diagnostics.get(uri)?.filter((p) => p.version === 2).length, 1, 'version 2 published once');
  });
});
