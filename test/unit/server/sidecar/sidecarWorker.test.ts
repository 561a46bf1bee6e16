import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SidecarStatusParams } from '../../../../shared/lsp';
import { SidecarError } from '../../../../server/src/sidecar/errors';
import { SidecarPool } from '../../../../server/src/sidecar/sidecarPool';
import type { SidecarHandle } from '../../../../server/src/sidecar/sidecarProcess';
import { SidecarWorker, type SidecarConfig } from '../../../../server/src/sidecar/sidecarWorker';
import { silentLogger } from '../../../../server/src/logger';
import { FakeHandle, FAST_RESTART_POLICY, TEST_SIDECAR_CONFIG } from '../../../helpers/fakeSidecarHandle';
import { waitFor } from '../../../helpers/waitFor';

const config: SidecarConfig = TEST_SIDECAR_CONFIG;
const fastPolicy = FAST_RESTART_POLICY;

/**
 * One worker, the way the server runs with samsara.sidecar.workers = 1: a pool of one worker,
 * so analysis and re-sending go through the same path as with several.
 */
function harness(launchImpl?: (n: number) => Promise<SidecarHandle>, cfg: SidecarConfig = config) {
  const handles: FakeHandle[] = [];
  const statuses: SidecarStatusParams[] = [];
  let launches = 0;
  const sidecar = new SidecarPool(
    { ...cfg, workers: 1 },
    {
      launch: async () => {
        launches += 1;
        if (launchImpl) return launchImpl(launches);
        const handle = new FakeHandle(1000 + launches);
        handles.push(handle);
        return handle;
      },
      onStatus: (status) => statuses.push(status),
      log: silentLogger,
      worker: { policy: fastPolicy },
    },
  );
  return { sidecar, handles, statuses, launches: () => launches };
}

/** A bare worker (no pool), with a clock the test moves (for the stuck-analysis rule). */
function worker(cfg: Partial<SidecarConfig> = {}, extra: { stuckAfterMs?: number } = {}) {
  const handles: FakeHandle[] = [];
  const statuses: SidecarStatusParams[] = [];
  const clock = { now: 0 };
  const sidecar = new SidecarWorker(
    { ...config, ...cfg },
    {
      launch: async () => {
        const handle = new FakeHandle(2000 + handles.length);
        handles.push(handle);
        return handle;
      },
      onStatus: (status) => statuses.push(status),
      log: silentLogger,
      policy: fastPolicy,
      now: () => clock.now,
      ...extra,
    },
  );
  return { sidecar, handles, statuses, clock };
}

describe('SidecarWorker (in a pool of one)', () => {
  it('starts, reports ready with the model and pid, and serves requests', async () => {
    const { sidecar, handles, statuses } = harness();
    await sidecar.start();
    assert.deepEqual(
      statuses.map((s) => s.state),
      ['starting', 'ready'],
    );
    assert.equal(statuses[1].pid, 1001);
    const answer = sidecar.analyze(['a']);
    await waitFor(() => handles[0].calls.length === 1);
    handles[0].calls[0].resolve({ results: [{ entities: [{ label: 'PERSON', text: 'a', start: 0, end: 1 }] }] });
    assert.deepEqual(await answer, [[{ label: 'PERSON', text: 'a', start: 0, end: 1 }]]);
    await sidecar.dispose();
  });

  it('answers analyze only with data that matches the protocol', async () => {
    const { sidecar, handles } = harness();
    await sidecar.start();
    const malformed = sidecar.analyze(['a']);
    await waitFor(() => handles[0].calls.length === 1);
    handles[0].calls[0].resolve({ results: [{ entities: [{ label: 'PERSON', start: 0, end: 1 }] }] });
    await assert.rejects(
      malformed,
      (error: unknown) =>
        error instanceof SidecarError && error.code === 'SIDECAR_BAD_RESPONSE' && /results\.0\.entities\.0\.text/.test(error.message),
    );
    const miscounted = sidecar.analyze(['a', 'b']);
    await waitFor(() => handles[0].calls.length === 2);
    handles[0].calls[1].resolve({ results: [{ entities: [] }] });
    await assert.rejects(miscounted, /answered 1 results for 2 texts/);
    await sidecar.dispose();
  });

  it('restarts after a crash and re-sends the request in flight exactly once', async () => {
    const { sidecar, handles, statuses } = harness();
    await sidecar.start();
    const answer = sidecar.analyze(['hello']);
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
    await sidecar.dispose();
  });

  it('reports a request lost twice instead of sending it a third time', async () => {
    const { sidecar, handles } = harness();
    await sidecar.start();
    const answer = sidecar.analyze(['x']);
    await waitFor(() => handles[0].calls.length === 1);
    handles[0].crash();
    await waitFor(() => handles[1]?.calls.length === 1);
    handles[1].crash();
    await assert.rejects(answer, (error: unknown) => error instanceof SidecarError && error.code === 'SIDECAR_EXITED');
    await waitFor(() => sidecar.state === 'ready');
    assert.equal(handles[2].calls.length, 0);
    await sidecar.dispose();
  });

  it('stops after 5 failed starts within the window, fails waiting requests, and restarts on demand', async () => {
    let healthy = false;
    const { sidecar, statuses, launches } = harness(async (n) => {
      if (!healthy) throw new SidecarError('SIDECAR_EXITED', `exited with code 3 before it was ready (start ${n})`, true);
      return new FakeHandle(n);
    });
    const started = sidecar.start();
    // Settled later than it fails: observe it now so the rejection counts as handled.
    const waiting = sidecar.analyze(['x']).then(
      () => undefined,
      (error: unknown) => error,
    );
    await started;
    await waitFor(() => sidecar.state === 'stopped', { message: 'stopped after the crash loop' });
    assert.equal(launches(), 5);
    const error = await waiting;
    assert.ok(error instanceof SidecarError && error.code === 'SIDECAR_STOPPED', String(error));
    const stopped = statuses.at(-1);
    assert.equal(stopped?.state, 'stopped');
    assert.match(
      stopped?.reason ?? '',
      /5 times within 3 minutes.*start 5.*"Samsara: Restart Sidecar" from the Command Palette.*samsara\.restartSidecar/s,
    );
    const [health] = await sidecar.health();
    assert.match(health.error ?? '', /stopped/);
    healthy = true;
    await sidecar.restart();
    assert.equal(sidecar.state, 'ready');
    await sidecar.dispose();
  });

  it('stops at once on an error a retry cannot fix', async () => {
    const { sidecar, statuses, launches } = harness(async () => {
      throw new SidecarError('SIDECAR_NOT_FOUND', 'Samsara sidecar not found at /x', false);
    });
    await sidecar.start();
    assert.equal(launches(), 1);
    assert.deepEqual(statuses.at(-1), { state: 'stopped', reason: 'Samsara sidecar not found at /x', workersReady: 0, workersTotal: 1 });
  });

  it('replaces a sidecar that fails 3 health checks in a row', async () => {
    const { sidecar, handles, statuses } = harness(undefined, { ...config, healthCheckIntervalMs: 5, healthCheckTimeoutMs: 5 });
    await sidecar.start();
    handles[0].hung = true;
    await waitFor(() => handles.length === 2 && sidecar.state === 'ready', { message: 'replaced after failed health checks' });
    const restarting = statuses.find((s) => s.state === 'restarting');
    assert.match(restarting?.reason ?? '', /3 health checks/);
    assert.equal(handles[0].dead, true);
    await sidecar.dispose();
  });

  it('restarts for a new path or pipeline, not for new timings', async () => {
    const { sidecar, launches } = harness();
    await sidecar.start();
    await sidecar.updateConfig({ ...config, workers: 1, healthCheckIntervalMs: 1000, requestTimeoutMs: 10, startTimeoutMs: 5000 });
    assert.equal(launches(), 1);
    await sidecar.updateConfig({ ...config, workers: 1, pipeline: 'other' });
    assert.equal(launches(), 2);
    assert.equal(sidecar.state, 'ready');
    await sidecar.dispose();
  });

  it('retires idle on purpose: no crash counted, stays down through new settings and restarts, starts clean', async () => {
    const { sidecar, handles } = worker();
    await sidecar.start();
    // More retirements than the crash-loop breaker allows crashes: none is one.
    for (let i = 0; i < 6; i++) {
      await sidecar.retire('idle');
      assert.deepEqual([sidecar.state, sidecar.retired, sidecar.reason], ['stopped', true, 'retired: idle']);
      await sidecar.updateConfig({ ...config, pipeline: `other ${i}` });
      await sidecar.restart('by hand');
      assert.equal(handles.length, i + 1, 'neither new settings nor a restart start a retired worker');
      await sidecar.start();
      assert.deepEqual([sidecar.state, sidecar.retired], ['ready', false]);
    }
    assert.deepEqual([sidecar.stats.retirements, sidecar.stats.crashes, sidecar.stats.starts], [6, 0, 7]);
    // A crash after all that is the first the breaker hears of: it restarts.
    handles[6].kill();
    await waitFor(() => sidecar.state === 'ready' && handles.length === 8);
    assert.equal(sidecar.stats.crashes, 1);
    await sidecar.dispose();
  });
});

describe('SidecarWorker liveness: busy is not hung', () => {
  it('keeps a sidecar whose health answers are late while it prints answers, and replaces it once it falls silent', async () => {
    const { sidecar, handles, statuses } = worker({ healthCheckIntervalMs: 5, healthCheckTimeoutMs: 5 });
    await sidecar.start();
    const busy = handles[0];
    busy.hung = true; // no health answer within its deadline...
    const talking = setInterval(() => (busy.outputLines += 1), 2); // ...but late answers and results keep coming
    try {
      await waitFor(() => busy.healthChecks >= 12, { message: 'a dozen health checks missed their deadline' });
      assert.equal(busy.dead, false, 'a sidecar that keeps printing is busy, not hung');
      assert.equal(handles.length, 1);
      assert.equal(sidecar.state, 'ready');
    } finally {
      clearInterval(talking);
    }
    // Now silent as a SIGSTOPped process: replaced after 3 checks.
    await waitFor(() => handles.length === 2 && sidecar.state === 'ready', { message: 'the silent sidecar replaced' });
    assert.equal(busy.dead, true);
    assert.match(statuses.find((s) => s.state === 'restarting')?.reason ?? '', /failed 3 health checks in a row and printed nothing/);
    await sidecar.dispose();
  });

  it('replaces a sidecar stuck on one request: health answered, busy far past the limit, nothing finished', async () => {
    const { sidecar, handles, statuses, clock } = worker({ healthCheckIntervalMs: 5 }, { stuckAfterMs: 1000 });
    await sidecar.start();
    const stuck = handles[0];
    stuck.progress = { busy_s: 0.2, requests_done: 7, queued: 3 };
    await waitFor(() => stuck.healthChecks >= 2);
    clock.now += 900;
    stuck.progress = { busy_s: 1.1, requests_done: 7, queued: 3 };
    const seen = stuck.healthChecks;
    await waitFor(() => stuck.healthChecks >= seen + 2);
    assert.equal(stuck.dead, false, 'not yet: nothing finished for 0.9 s only');
    clock.now += 200;
    await waitFor(() => handles.length === 2 && sidecar.state === 'ready', { message: 'the stuck sidecar replaced' });
    assert.equal(stuck.dead, true);
    assert.match(statuses.find((s) => s.state === 'restarting')?.reason ?? '', /worked on one request for 1 s and finished none.*stuck/);
    await sidecar.dispose();
  });

  it('keeps a sidecar that is idle for long, or that keeps finishing requests', async () => {
    const { sidecar, handles, clock } = worker({ healthCheckIntervalMs: 5 }, { stuckAfterMs: 1000 });
    await sidecar.start();
    const handle = handles[0];
    for (let step = 0; step < 6; step++) {
      // Idle: nothing running (busy 0), nothing done, for 6 limits. Then long requests that finish.
      handle.progress = step < 3 ? { busy_s: 0, requests_done: 0 } : { busy_s: 5, requests_done: step };
      clock.now += 1000;
      const seen = handle.healthChecks;
      await waitFor(() => handle.healthChecks >= seen + 2);
    }
    assert.equal(handle.dead, false);
    assert.equal(handles.length, 1);
    await sidecar.dispose();
  });
});
