// Idle retirement of the pool's extra workers (issue 26, lean at rest): a worker past the first
// stops after a quiet delay, is not a crash, and starts again when a request finds the others busy.
// The quiet delay runs on injected timers: the tests fire them, nothing waits for a minute.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SidecarStatusParams } from '../../../../shared/lsp';
import { silentLogger } from '../../../../server/src/logger';
import { SidecarError } from '../../../../server/src/sidecar/errors';
import type { PoolTimers } from '../../../../server/src/sidecar/idleRetire';
import { poolStatus } from '../../../../server/src/sidecar/poolStatus';
import { SidecarPool, type PoolConfig } from '../../../../server/src/sidecar/sidecarPool';
import { FakeHandle, FAST_RESTART_POLICY, personAnswer, TEST_SIDECAR_CONFIG } from '../../../helpers/fakeSidecarHandle';
import { waitFor } from '../../../helpers/waitFor';

/** Timers that fire only when the test says so. */
class ManualTimers implements PoolTimers {
  private readonly pending = new Map<number, { callback: () => void; ms: number }>();
  private nextId = 0;

  setTimeout(callback: () => void, ms: number): unknown {
    this.pending.set(++this.nextId, { callback, ms });
    return this.nextId;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Delays of the armed timers. */
  armed(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }

  /** The quiet delay passes: every armed timer fires. */
  elapse(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.callback();
  }
}

function pool(workers = 2, idleRetireMs = 60_000, gate?: (launch: number) => Promise<void>) {
  const handles: FakeHandle[] = [];
  const statuses: SidecarStatusParams[] = [];
  const timers = new ManualTimers();
  const config: PoolConfig = { ...TEST_SIDECAR_CONFIG, workers, idleRetireMs };
  const sidecars = new SidecarPool(config, {
    launch: async () => {
      await gate?.(handles.length + 1);
      const handle = new FakeHandle(1000 + handles.length + 1);
      handles.push(handle);
      return handle;
    },
    onStatus: (status) => statuses.push(status),
    log: silentLogger,
    cores: 8,
    timers,
    worker: { policy: FAST_RESTART_POLICY },
  });
  return { sidecars, handles, statuses, timers, config };
}

/** Two requests at once (a scan's batches), both answered: both workers worked. */
async function scanBatches(p: ReturnType<typeof pool>, a: FakeHandle, which = 1): Promise<void> {
  const first = p.sidecars.analyze(['a']);
  const second = p.sidecars.analyze(['b']);
  const b = await waitFor(() => p.handles[which]);
  await waitFor(() => a.pending('analyze').length === 1 && b.pending('analyze').length === 1, { message: 'one batch each' });
  a.answer('analyze', personAnswer(['a']));
  b.answer('analyze', personAnswer(['b']));
  await Promise.all([first, second]);
}

/** Worker 2 retires; worker 1 gets a request, then a second one comes (the backlog). */
async function backlogAfterRest(p: ReturnType<typeof pool>): Promise<{ busy: Promise<unknown>; backlog: Promise<unknown> }> {
  await p.sidecars.start();
  p.timers.elapse();
  await waitFor(() => p.sidecars.retiredWorkers === 1);
  const busy = p.sidecars.analyze(['busy']);
  await waitFor(() => p.handles[0].pending('analyze').length === 1);
  return { busy, backlog: p.sidecars.analyze(['backlog']) };
}

const firstText = (result: unknown): string => (result as { text: string }[][])[0][0].text;

describe('idle retirement of extra workers', () => {
  it('retires the second worker after a quiet delay, keeps the first, and says retired (not crashed)', async () => {
    const p = pool(2);
    await p.sidecars.start();
    await scanBatches(p, p.handles[0]);
    assert.deepEqual(p.timers.armed(), [60_000], 'only the extra worker waits to retire');
    p.timers.elapse();
    await waitFor(() => p.handles[1].dead, { message: 'worker 2 stopped' });
    const [first, second] = p.sidecars.stats();
    assert.deepEqual([first.state, first.retired, second.state, second.retired], ['ready', false, 'stopped', true]);
    assert.deepEqual([second.retirements, second.crashes], [1, 0]);
    assert.match(second.reason ?? '', /^retired: no work for 60 s/);
    assert.deepEqual(p.handles[1].shutdowns, [{ abandon: false }], 'stopped gracefully, not killed');
    // At full strength for the work it has: no warning in the status, the retired one not counted.
    const status = p.statuses.at(-1);
    assert.deepEqual([status?.state, status?.workersReady, status?.workersTotal, status?.reason], ['ready', 1, 1, undefined]);
    assert.deepEqual([p.sidecars.readyWorkers, p.sidecars.retiredWorkers, p.sidecars.capacity], [1, 1, 2]);
    await p.sidecars.dispose();
  });

  it('keeps one-at-a-time work (typing) on the first worker, so the second falls quiet', async () => {
    const p = pool(2);
    await p.sidecars.start();
    for (const text of ['x', 'y', 'z']) {
      const done = p.sidecars.analyze([text]);
      await waitFor(() => p.handles[0].pending('analyze').length === 1);
      p.handles[0].answer('analyze', personAnswer([text]));
      await done;
    }
    assert.deepEqual(
      p.sidecars.stats().map((s) => s.requests),
      [3, 0],
    );
    p.timers.elapse();
    await waitFor(() => p.sidecars.retiredWorkers === 1);
    await p.sidecars.dispose();
  });

  it('starts a retired worker again when a request finds the others busy; the request waits for it', async () => {
    const p = pool(2);
    const { busy, backlog } = await backlogAfterRest(p);
    await waitFor(() => p.handles.length === 3 && p.handles[2].pending('analyze').length === 1, {
      message: 'a new process for worker 2 takes the waiting request',
    });
    assert.equal(p.handles[0].pending('analyze').length, 1, 'not queued behind the busy worker');
    p.handles[2].answer('analyze', personAnswer(['backlog']));
    p.handles[0].answer('analyze', personAnswer(['busy']));
    assert.equal(firstText(await backlog), 'backlog');
    await busy;
    const second = p.sidecars.stats()[1];
    assert.deepEqual([second.state, second.retired, second.starts, second.crashes], ['ready', false, 2, 0]);
    assert.equal(p.statuses.at(-1)?.workersTotal, 2);
    await p.sidecars.dispose();
  });

  it('sends a waiting request to the busy worker when the restarting one fails to start', async () => {
    let release!: (error?: Error) => void;
    const p = pool(2, 60_000, (n) =>
      n === 3 ? new Promise<void>((resolve, reject) => (release = (error) => (error ? reject(error) : resolve()))) : Promise.resolve(),
    );
    const { busy, backlog } = await backlogAfterRest(p);
    await waitFor(() => p.sidecars.stats()[1].state === 'starting', { message: 'worker 2 starting again' });
    assert.equal(p.handles[0].pending('analyze').length, 1, 'the request waits while worker 2 starts');
    release(new SidecarError('SIDECAR_NOT_FOUND', 'gone', false));
    await waitFor(() => p.handles[0].pending('analyze').length === 2, { message: 'queued on the busy worker after all' });
    p.handles[0].answer('analyze', personAnswer(['busy']));
    p.handles[0].answer('analyze', personAnswer(['backlog']));
    assert.equal(firstText(await backlog), 'backlog');
    await busy;
    await p.sidecars.dispose();
  });

  it('fails a request waiting for a restarting worker when the server shuts down', async () => {
    const p = pool(2, 60_000, (n) => (n === 3 ? new Promise<void>(() => undefined) : Promise.resolve()));
    const requests = await backlogAfterRest(p);
    const [busy, waiting] = [requests.busy, requests.backlog].map((r) => r.catch((e: unknown) => e));
    await waitFor(() => p.sidecars.stats()[1].state === 'starting');
    p.sidecars.abandon();
    assert.match(String(await waiting), /shutting down/);
    await p.sidecars.dispose({ abandon: true });
    assert.match(String(await busy), /shutting down/);
  });

  it('never counts retirement or its restart toward the crash-loop breaker', async () => {
    const p = pool(2);
    await p.sidecars.start();
    // More cycles than the breaker allows crashes (5 in its window).
    for (let cycle = 0; cycle < 7; cycle++) {
      p.timers.elapse();
      await waitFor(() => p.sidecars.retiredWorkers === 1, { message: `retired, cycle ${cycle}` });
      const handlesBefore = p.handles.length;
      await scanBatches(p, p.handles[0], handlesBefore);
    }
    const second = p.sidecars.stats()[1];
    assert.deepEqual([second.state, second.retirements, second.crashes, second.starts], ['ready', 7, 0, 8]);
    await p.sidecars.dispose();
  });

  it('with 0 keeps every worker running; a shrinking worker count drops a retired worker quietly', async () => {
    const p = pool(2, 0);
    await p.sidecars.start();
    await scanBatches(p, p.handles[0]);
    assert.deepEqual(p.timers.armed(), []);
    await p.sidecars.updateConfig({ ...p.config, idleRetireMs: 1000 });
    assert.deepEqual(p.timers.armed(), [1000], 'the new delay applies to the worker idle now');
    await scanBatches(p, p.handles[0]);
    assert.deepEqual(p.timers.armed(), [1000], 'and to the next quiet spell');
    p.timers.elapse();
    await waitFor(() => p.sidecars.retiredWorkers === 1);
    // New settings do not start a retired worker (it reads them when it starts again).
    await p.sidecars.updateConfig({ ...p.config, idleRetireMs: 1000, pipeline: 'other' });
    assert.equal(p.handles.length, 3, 'only the first worker restarted for the new pipeline');
    await p.sidecars.updateConfig({ ...p.config, idleRetireMs: 1000, workers: 1 });
    assert.deepEqual([p.sidecars.totalWorkers, p.sidecars.readyWorkers, p.sidecars.retiredWorkers], [1, 1, 0]);
    await p.sidecars.dispose();
  });

  it('poolStatus leaves a retired worker out of the count and of the reason', () => {
    const info = { status: 'model_loaded' as const, protocol: 1, model: 'm', model_version: '1', pid: 7 };
    const status = poolStatus([
      { state: 'ready', reason: undefined, info, pid: 7 },
      { state: 'stopped', reason: 'retired: no work', info: undefined, pid: undefined, retired: true },
      { state: 'restarting', reason: 'exited', info: undefined, pid: undefined },
    ]);
    assert.deepEqual([status.workersReady, status.workersTotal, status.reason], [1, 2, 'worker 3 restarting: exited']);
  });
});
