import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SidecarStatusParams } from '../../../shared/lsp';
import type { ModelLoaded, SidecarAction } from '../../../server/src/protocol/sidecar';
import { SidecarError } from '../../../server/src/sidecar/errors';
import type { SidecarHandle } from '../../../server/src/sidecar/sidecarProcess';
import { SidecarSupervisor, type SidecarConfig } from '../../../server/src/sidecar/supervisor';
import { silentLogger } from '../../../server/src/logger';
import { waitFor } from '../../helpers/waitFor';

interface Call {
  body: SidecarAction;
  resolve(data: unknown): void;
  reject(error: Error): void;
}

/** A sidecar handle the test drives: it answers health checks unless hung, and records requests. */
class FakeHandle implements SidecarHandle {
  readonly calls: Call[] = [];
  hung = false;
  dead = false;
  private listeners: ((reason: string) => void)[] = [];
  readonly info: ModelLoaded;

  constructor(readonly pid: number) {
    this.info = { status: 'model_loaded', protocol: 1, model: 'fake', model_version: '1', pid };
  }

  request(body: SidecarAction, timeoutMs: number): Promise<unknown> {
    if (this.dead) return Promise.reject(new SidecarError('SIDECAR_EXITED', 'dead', true));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new SidecarError('SIDECAR_REQUEST_TIMEOUT', 'timeout', false)), timeoutMs);
      const call: Call = { body, resolve: (d) => (clearTimeout(timer), resolve(d)), reject: (e) => (clearTimeout(timer), reject(e)) };
      if (body.action === 'health_check' && !this.hung) {
        call.resolve({
          status: 'healthy',
          model: 'fake',
          model_version: '1',
          spacy_version: '0',
          frozen: false,
          uptime_s: 1,
          rss_bytes: 1,
        });
        return;
      }
      this.calls.push(call);
    });
  }

  onExit(listener: (reason: string) => void): void {
    this.listeners.push(listener);
  }

  /** Dies like a real process: exit listeners first, then the requests in flight fail. */
  crash(reason = 'exited with code 1'): void {
    if (this.dead) return;
    this.dead = true;
    for (const listener of this.listeners.splice(0)) listener(reason);
    for (const call of this.calls.splice(0)) call.reject(new SidecarError('SIDECAR_EXITED', reason, true));
  }

  async shutdown(): Promise<void> {
    this.crash('exited with code 0');
  }

  kill(): void {
    this.crash('was killed by SIGKILL');
  }
}

const config: SidecarConfig = {
  path: '',
  pipeline: 'p',
  startTimeoutMs: 1000,
  healthCheckIntervalMs: 60_000,
  healthCheckTimeoutMs: 50,
  requestTimeoutMs: 5000,
};
const fastPolicy = { baseDelayMs: 1, maxDelayMs: 8, maxCrashes: 5, windowMs: 180_000 };

function harness(launchImpl?: (n: number) => Promise<SidecarHandle>, cfg: SidecarConfig = config) {
  const handles: FakeHandle[] = [];
  const statuses: SidecarStatusParams[] = [];
  let launches = 0;
  const supervisor = new SidecarSupervisor(cfg, {
    launch: async () => {
      launches += 1;
      if (launchImpl) return launchImpl(launches);
      const handle = new FakeHandle(1000 + launches);
      handles.push(handle);
      return handle;
    },
    onStatus: (status) => statuses.push(status),
    log: silentLogger,
    policy: fastPolicy,
  });
  return { supervisor, handles, statuses, launches: () => launches };
}

describe('SidecarSupervisor', () => {
  it('starts, reports ready with the model and pid, and serves requests', async () => {
    const { supervisor, handles, statuses } = harness();
    await supervisor.start();
    assert.deepEqual(
      statuses.map((s) => s.state),
      ['starting', 'ready'],
    );
    assert.equal(statuses[1].pid, 1001);
    const answer = supervisor.analyze(['a']);
    await waitFor(() => handles[0].calls.length === 1);
    handles[0].calls[0].resolve({ results: [{ entities: [{ label: 'PERSON', text: 'a', start: 0, end: 1 }] }] });
    assert.deepEqual(await answer, [[{ label: 'PERSON', text: 'a', start: 0, end: 1 }]]);
    await supervisor.dispose();
  });

  it('answers analyze only with data that matches the protocol', async () => {
    const { supervisor, handles } = harness();
    await supervisor.start();
    const malformed = supervisor.analyze(['a']);
    await waitFor(() => handles[0].calls.length === 1);
    handles[0].calls[0].resolve({ results: [{ entities: [{ label: 'PERSON', start: 0, end: 1 }] }] });
    await assert.rejects(
      malformed,
      (error: unknown) =>
        error instanceof SidecarError && error.code === 'SIDECAR_BAD_RESPONSE' && /results\.0\.entities\.0\.text/.test(error.message),
    );
    const miscounted = supervisor.analyze(['a', 'b']);
    await waitFor(() => handles[0].calls.length === 2);
    handles[0].calls[1].resolve({ results: [{ entities: [] }] });
    await assert.rejects(miscounted, /answered 1 results for 2 texts/);
    await supervisor.dispose();
  });

  it('restarts after a crash and re-sends the request in flight exactly once', async () => {
    const { supervisor, handles, statuses } = harness();
    await supervisor.start();
    const answer = supervisor.analyze(['hello']);
    await waitFor(() => handles[0].calls.length === 1);
    handles[0].crash();
    await waitFor(() => handles[1]?.calls.length === 1, { message: 'request re-sent to the new sidecar' });
    assert.deepEqual(handles[1].calls[0].body, { action: 'analyze', texts: ['hello'] });
    handles[1].calls[0].resolve({ results: [{ entities: [] }] });
    assert.deepEqual(await answer, [[]]);
    assert.deepEqual(
      statuses.map((s) => s.state),
      ['starting', 'ready', 'restarting', 'ready'],
    );
    assert.match(statuses[2].reason ?? '', /exited with code 1/);
    await supervisor.dispose();
  });

  it('reports a request lost twice instead of sending it a third time', async () => {
    const { supervisor, handles } = harness();
    await supervisor.start();
    const answer = supervisor.analyze(['x']);
    await waitFor(() => handles[0].calls.length === 1);
    handles[0].crash();
    await waitFor(() => handles[1]?.calls.length === 1);
    handles[1].crash();
    await assert.rejects(answer, (error: unknown) => error instanceof SidecarError && error.code === 'SIDECAR_EXITED');
    await waitFor(() => supervisor.state === 'ready');
    assert.equal(handles[2].calls.length, 0);
    await supervisor.dispose();
  });

  it('stops after 5 failed starts within the window, fails waiting requests, and restarts on demand', async () => {
    let healthy = false;
    const { supervisor, statuses, launches } = harness(async (n) => {
      if (!healthy) throw new SidecarError('SIDECAR_EXITED', `exited with code 3 before it was ready (start ${n})`, true);
      return new FakeHandle(n);
    });
    const started = supervisor.start();
    // Settled later than it fails: observe it now so the rejection counts as handled.
    const waiting = supervisor.analyze(['x']).then(
      () => undefined,
      (error: unknown) => error,
    );
    await started;
    await waitFor(() => supervisor.state === 'stopped', { message: 'stopped after the crash loop' });
    assert.equal(launches(), 5);
    const error = await waiting;
    assert.ok(error instanceof SidecarError && error.code === 'SIDECAR_STOPPED', String(error));
    const stopped = statuses.at(-1);
    assert.equal(stopped?.state, 'stopped');
    assert.match(
      stopped?.reason ?? '',
      /5 times within 3 minutes.*start 5.*"Samsara: Restart Sidecar" from the Command Palette.*samsara\.restartSidecar/s,
    );
    await assert.rejects(supervisor.health(), /stopped/);
    healthy = true;
    await supervisor.restart();
    assert.equal(supervisor.state, 'ready');
    await supervisor.dispose();
  });

  it('stops at once on an error a retry cannot fix', async () => {
    const { supervisor, statuses, launches } = harness(async () => {
      throw new SidecarError('SIDECAR_NOT_FOUND', 'Samsara sidecar not found at /x', false);
    });
    await supervisor.start();
    assert.equal(launches(), 1);
    assert.deepEqual(statuses.at(-1), { state: 'stopped', reason: 'Samsara sidecar not found at /x' });
  });

  it('replaces a sidecar that fails 3 health checks in a row', async () => {
    const { supervisor, handles, statuses } = harness(undefined, { ...config, healthCheckIntervalMs: 5, healthCheckTimeoutMs: 5 });
    await supervisor.start();
    handles[0].hung = true;
    await waitFor(() => handles.length === 2 && supervisor.state === 'ready', { message: 'replaced after failed health checks' });
    const restarting = statuses.find((s) => s.state === 'restarting');
    assert.match(restarting?.reason ?? '', /3 health checks/);
    assert.equal(handles[0].dead, true);
    await supervisor.dispose();
  });

  it('restarts for a new path or pipeline, not for new timings', async () => {
    const { supervisor, launches } = harness();
    await supervisor.start();
    await supervisor.updateConfig({ ...config, healthCheckIntervalMs: 1000, requestTimeoutMs: 10, startTimeoutMs: 5000 });
    assert.equal(launches(), 1);
    await supervisor.updateConfig({ ...config, pipeline: 'other' });
    assert.equal(launches(), 2);
    assert.equal(supervisor.state, 'ready');
    await supervisor.dispose();
  });
});
