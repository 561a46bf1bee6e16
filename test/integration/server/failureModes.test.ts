// The language server, driven over stdio by a real LSP client, with fake sidecars that hang, lie
// and crash: each failure is reported through samsara/sidecarStatus and the server recovers.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { LspTestClient } from '../../helpers/lspClient';
import { fakeSidecar } from '../../helpers/paths';
import { isAlive, waitFor } from '../../helpers/waitFor';

let client: LspTestClient | undefined;

async function startWith(mode: string, sidecar: Record<string, unknown> = {}): Promise<{ client: LspTestClient; stateDir: string }> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'samsara-fake-'));
  client = await LspTestClient.start({
    settings: { sidecar: { path: fakeSidecar, ...sidecar }, analysis: { debounceMs: 0 } },
    env: { SAMSARA_FAKE_MODE: mode, SAMSARA_FAKE_STATE_DIR: stateDir },
  });
  return { client, stateDir };
}

function records(stateDir: string, file: string): { pid: number; id?: string; action?: string; texts?: string[] }[] {
  try {
    return readFileSync(path.join(stateDir, file), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

describe('language server with failing sidecars', () => {
  it('reports a missing sidecar as stopped, naming the path and the setting', async () => {
    client = await LspTestClient.start({ settings: { sidecar: { path: '/nonexistent/samsara-sidecar' } } });
    const stopped = await client.waitForStatus((s) => s.state === 'stopped');
    assert.match(stopped.reason ?? '', /\/nonexistent\/samsara-sidecar.*samsara\.sidecar\.path/);
  });

  it('reports a start timeout with the sidecar stderr', async () => {
    const { client } = await startWith('silent', { startTimeoutMs: 1000 });
    const restarting = await client.waitForStatus((s) => s.state === 'restarting');
    assert.match(restarting.reason ?? '', /did not report model_loaded within 1000 ms/);
    assert.match(restarting.reason ?? '', /fake: loading forever/);
  });

  it('reports an invalid handshake quoting what was printed', async () => {
    const { client } = await startWith('garbage-handshake');
    const restarting = await client.waitForStatus((s) => s.state === 'restarting');
    assert.match(restarting.reason ?? '', /"Hello from a chatty library"/);
  });

  it('stops at once on an unknown protocol version', async () => {
    const { client, stateDir } = await startWith('bad-protocol');
    const stopped = await client.waitForStatus((s) => s.state === 'stopped');
    assert.match(stopped.reason ?? '', /protocol "99"/);
    assert.equal(records(stateDir, 'starts.log').length, 1);
  });

  it('reports a sidecar that exits before it is ready', async () => {
    const { client } = await startWith('exit-early');
    const restarting = await client.waitForStatus((s) => s.state === 'restarting');
    assert.match(restarting.reason ?? '', /exited with code 3 before it was ready.*cannot load the model/s);
  });

  it('re-sends a request lost in a crash once, and applies its answer once', async () => {
    const { client, stateDir } = await startWith('crash-once-mid-request');
    await client.waitForStatus((s) => s.state === 'ready');
    const uri = 'file:///crash.txt';
    await client.open(uri, 'Alice met Bob.');
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => d.range.start.character),
      [0, 10],
    );
    const analyses = records(stateDir, 'requests.log').filter((r) => r.action === 'analyze');
    assert.equal(analyses.length, 2, 'sent to the crashed sidecar, then once to its successor');
    assert.notEqual(analyses[0].pid, analyses[1].pid);
    assert.deepEqual(analyses[0].texts, analyses[1].texts);
    const answered = records(stateDir, 'answers.log').filter((a) => analyses.some((r) => r.id === a.id && r.pid === a.pid));
    assert.equal(answered.length, 1);
    assert.equal(client.diagnostics.get(uri)?.filter((p) => p.diagnostics.length > 0).length, 1, 'published once');
    assert.ok(client.statuses.some((s) => s.state === 'restarting' && /code 5/.test(s.reason ?? '')));
  });

  it('stops after a crash loop, and samsara.restartSidecar recovers', async () => {
    const { client, stateDir } = await startWith('crash-loop');
    const stopped = await client.waitForStatus((s) => s.state === 'stopped', { timeoutMs: 60_000 });
    assert.match(stopped.reason ?? '', /5 times within 3 minutes.*code 4.*samsara\.restartSidecar/s);
    assert.equal(records(stateDir, 'starts.log').length, 5);
    const uri = 'file:///loop.txt';
    await client.open(uri, 'Carol is here.');
    writeFileSync(path.join(stateDir, 'healthy'), '');
    const after = client.statuses.length;
    const result = await client.executeCommand('samsara.restartSidecar');
    assert.deepEqual(result, { state: 'ready' });
    await client.waitForStatus((s) => s.state === 'ready', { after });
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
    assert.equal(published.diagnostics[0].message, '"Carol" — PERSON (Fake people, for tests)');
  });

  it('replaces a hung sidecar (SIGSTOP) after failed health checks', async () => {
    const { client } = await startWith('ok', { healthCheckIntervalMs: 500, healthCheckTimeoutMs: 200 });
    const ready = await client.waitForStatus((s) => s.state === 'ready');
    const pid = ready.pid;
    assert.ok(pid);
    const after = client.statuses.length;
    process.kill(pid, 'SIGSTOP');
    const restarting = await client.waitForStatus((s) => s.state === 'restarting', { after });
    assert.match(restarting.reason ?? '', /3 health checks/);
    const replaced = await client.waitForStatus((s) => s.state === 'ready', { after });
    assert.notEqual(replaced.pid, pid);
    await waitFor(() => !isAlive(pid), { message: 'hung sidecar killed' });
    await client.open('file:///after-hang.txt', 'Dave');
    await client.waitForDiagnostics('file:///after-hang.txt', (p) => p.diagnostics.length === 1);
  });

  it('skips garbage on stdout and keeps analysing', async () => {
    const { client } = await startWith('garbage-stdout');
    await client.open('file:///g.txt', 'Erin and Frank');
    await client.waitForDiagnostics('file:///g.txt', (p) => p.diagnostics.length === 2);
    assert.match(client.logText(), /non-protocol line on stdout \(skipped\): "DEBUG some library printing on stdout"/);
  });

  it('treats an over-size stdout line as an error and keeps serving', async () => {
    const { client } = await startWith('oversize', { requestTimeoutMs: 3000 });
    const ready = await client.waitForStatus((s) => s.state === 'ready');
    await client.open('file:///big.txt', 'OVERSIZE answer');
    await waitFor(() => /over 33554432 bytes/.test(client.logText()), { timeoutMs: 20_000, message: 'over-size line reported' });
    await client.open('file:///small.txt', 'Grace');
    await client.waitForDiagnostics('file:///small.txt', (p) => p.diagnostics.length === 1);
    assert.equal((await client.stats()).sidecar.pid, ready.pid, 'same sidecar, no restart');
  });
});
