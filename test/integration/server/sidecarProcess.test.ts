// startSidecar against small fake sidecars: every way a start can fail ends in a clear error that
// quotes what the process printed and its last stderr lines, never in a hang.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Logger } from '../../../server/src/logger';
import { SidecarError } from '../../../server/src/sidecar/errors';
import { buildSidecarEnv } from '../../../server/src/sidecar/sidecarEnv';
import { startSidecar, type SidecarHandle } from '../../../server/src/sidecar/sidecarProcess';
import { fakeSidecar } from '../../helpers/paths';
import { isAlive, waitFor } from '../../helpers/waitFor';

function memoryLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, error: (m) => lines.push(m), warn: (m) => lines.push(m), info: (m) => lines.push(m), debug: () => undefined };
}

function start(
  mode: string,
  extra: { startTimeoutMs?: number; maxLineBytes?: number; log?: Logger; stateDir?: string } = {},
): Promise<SidecarHandle> {
  return startSidecar({
    executable: fakeSidecar,
    args: ['--model', 'fake'],
    env: buildSidecarEnv({ ...process.env, SAMSARA_FAKE_MODE: mode, SAMSARA_FAKE_STATE_DIR: extra.stateDir ?? '' }),
    startTimeoutMs: extra.startTimeoutMs ?? 5000,
    maxLineBytes: extra.maxLineBytes ?? 1024 * 1024,
    log: extra.log ?? memoryLog(),
  });
}

function failsWith(code: string, ...fragments: (string | RegExp)[]) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof SidecarError, String(error));
    assert.equal(error.code, code, error.message);
    for (const fragment of fragments) assert.match(error.message, typeof fragment === 'string' ? new RegExp(escape(fragment)) : fragment);
    return true;
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('startSidecar with misbehaving sidecars', () => {
  it('times out a sidecar that never reports model_loaded, with its stderr', async () => {
    await assert.rejects(
      start('silent', { startTimeoutMs: 1000 }),
      failsWith('SIDECAR_START_TIMEOUT', 'within 1000 ms', 'samsara.sidecar.startTimeoutMs', 'fake: loading forever'),
    );
  });

  it('quotes what a sidecar printed instead of its handshake', async () => {
    await assert.rejects(
      start('garbage-handshake'),
      failsWith('SIDECAR_BAD_HANDSHAKE', '"Hello from a chatty library"', 'fake: about to print garbage'),
    );
  });

  it('refuses an unknown protocol version without retrying', async () => {
    await assert.rejects(
      start('bad-protocol'),
      (error: unknown) => failsWith('SIDECAR_PROTOCOL_MISMATCH', 'protocol "99"')(error) && !(error as SidecarError).retryable,
    );
  });

  it('reports a sidecar that exits before it is ready, with its exit code and stderr', async () => {
    await assert.rejects(
      start('exit-early'),
      failsWith('SIDECAR_EXITED', 'exited with code 3 before it was ready', 'fake: cannot load the model'),
    );
  });

  it('skips non-protocol stdout lines after the handshake and keeps serving', async () => {
    const log = memoryLog();
    const sidecar = await start('garbage-stdout', { log });
    const data = await sidecar.request({ action: 'analyze', texts: ['Hello Ada'] }, 5000);
    assert.deepEqual(data, {
      results: [
        {
          entities: [
            { label: 'PERSON', text: 'Hello', start: 0, end: 5 },
            { label: 'PERSON', text: 'Ada', start: 6, end: 9 },
          ],
        },
      ],
    });
    assert.ok(
      log.lines.some((l) => l.includes('non-protocol line') && l.includes('DEBUG some library printing')),
      log.lines.join('\n'),
    );
    assert.ok(
      log.lines.some((l) => l.includes('not a protocol response')),
      log.lines.join('\n'),
    );
    await sidecar.shutdown(2000);
  });

  it('discards a line over the cap as an error, then serves the next request', async () => {
    const log = memoryLog();
    const sidecar = await start('oversize', { log, maxLineBytes: 1024 * 1024 });
    await assert.rejects(sidecar.request({ action: 'analyze', texts: ['OVERSIZE please'] }, 1500), failsWith('SIDECAR_REQUEST_TIMEOUT'));
    assert.ok(
      log.lines.some((l) => l.includes('over 1048576 bytes')),
      log.lines.join('\n'),
    );
    assert.deepEqual(await sidecar.request({ action: 'analyze', texts: ['fine'] }, 5000), { results: [{ entities: [] }] });
    await sidecar.shutdown(2000);
  });

  it('shuts down with the shutdown request, then SIGTERM, then SIGKILL of the group; kill() ends a stopped process', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'samsara-fake-'));
    const polite = await start('ok', { stateDir });
    await polite.shutdown(2000);
    const requests = readFileSync(path.join(stateDir, 'requests.log'), 'utf8');
    assert.match(requests, /"action":"shutdown"/);

    const stubbornDir = mkdtempSync(path.join(tmpdir(), 'samsara-fake-'));
    const log = memoryLog();
    const stubborn = await start('stubborn', { stateDir: stubbornDir, log });
    const stubbornPid = stubborn.pid;
    assert.ok(stubbornPid);
    const grandchild = await waitFor(() => JSON.parse(readFileSync(path.join(stubbornDir, 'children.log'), 'utf8')).child as number, {
      message: 'grandchild started',
    });
    await stubborn.shutdown(300);
    assert.ok(
      log.lines.some((l) => l.includes('sending SIGTERM')) && log.lines.some((l) => l.includes('ignored SIGTERM; sending SIGKILL')),
      log.lines.join('\n'),
    );
    await waitFor(() => !isAlive(stubbornPid) && !isAlive(grandchild), { message: 'stubborn sidecar and its child killed' });

    const hung = await start('ok');
    const pid = hung.pid;
    assert.ok(pid);
    process.kill(pid, 'SIGSTOP');
    const exited = new Promise<string>((resolve) => hung.onExit(resolve));
    hung.kill();
    assert.match(await exited, /SIGKILL/);
    await waitFor(() => !isAlive(pid), { message: 'stopped sidecar killed' });
  });
});
