import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SidecarStatusParams } from '../../../../shared/lsp';
import { silentLogger } from '../../../../server/src/logger';
import { SidecarError } from '../../../../server/src/sidecar/errors';
import { poolStatus } from '../../../../server/src/sidecar/poolStatus';
import { resolveWorkerCount, SidecarPool, type PoolConfig } from '../../../../server/src/sidecar/sidecarPool';
import type { SidecarHandle } from '../../../../server/src/sidecar/sidecarProcess';
import { FakeHandle, FAST_RESTART_POLICY, personAnswer, TEST_SIDECAR_CONFIG } from '../../../helpers/fakeSidecarHandle';
import { waitFor } from '../../../helpers/waitFor';

const config: PoolConfig = { ...TEST_SIDECAR_CONFIG, workers: 2 };
const fastPolicy = FAST_RESTART_POLICY;

/** A pool over fake handles; `launchImpl` may delay or fail the n-th launch. */
function pool(workers: PoolConfig['workers'] = 2, launchImpl?: (n: number, make: () => FakeHandle) => Promise<SidecarHandle>) {
  const handles: FakeHandle[] = [];
  const statuses: SidecarStatusParams[] = [];
  let launches = 0;
  const make = (): FakeHandle => {
    const handle = new FakeHandle(1000 + handles.length + 1);
    handles.push(handle);
    return handle;
  };
  const sidecars = new SidecarPool(
    { ...config, workers },
    {
      launch: async () => {
        launches += 1;
        return launchImpl ? launchImpl(launches, make) : make();
      },
      onStatus: (status) => statuses.push(status),
      log: silentLogger,
      cores: 8,
      worker: { policy: fastPolicy },
    },
  );
  return { sidecars, handles, statuses, launches: () => launches };
}

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('resolveWorkerCount', () => {
  it('auto: one per spare core, at least 1, at most 4; a number overrides', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 16].map((cores) => resolveWorkerCount('auto', cores)),
      [1, 1, 2, 3, 4, 4],
    );
    assert.equal(resolveWorkerCount(6, 2), 6);
    assert.equal(resolveWorkerCount(1, 16), 1);
  });
});

describe('poolStatus', () => {
  const info = { status: 'model_loaded' as const, protocol: 1, model: 'm', model_version: '1', pid: 7 };
  it('is ready while any worker is, naming the workers that are not', () => {
    const status = poolStatus([
      { state: 'stopped', reason: 'crash loop', info: undefined, pid: undefined },
      { state: 'ready', reason: undefined, info, pid: 7 },
    ]);
    assert.deepEqual(status, {
      state: 'ready',
      workersReady: 1,
      workersTotal: 2,
      model: 'm',
      modelVersion: '1',
      pid: 7,
      reason: 'worker 1 stopped: crash loop',
    });
  });

  it("is starting before restarting before stopped, with that worker's reason", () => {
    const views = [
      { state: 'restarting' as const, reason: 'exited', info: undefined, pid: undefined },
      { state: 'stopped' as const, reason: 'gave up', info: undefined, pid: undefined },
    ];
    assert.deepEqual(poolStatus(views), { state: 'restarting', reason: 'exited', workersReady: 0, workersTotal: 2 });
    assert.deepEqual(poolStatus([views[1]]), { state: 'stopped', reason: 'gave up', workersReady: 0, workersTotal: 1 });
  });
});

describe('SidecarPool', () => {
  it('starts the workers, reports ready/total, and sends each request to the least-loaded ready worker', async () => {
    const { sidecars, handles, statuses } = pool(2);
    await sidecars.start();
    assert.equal(sidecars.readyWorkers, 2);
    assert.deepEqual(statuses.at(-1)?.workersReady, 2);
    const first = sidecars.analyze(['a']);
    const second = sidecars.analyze(['b']);
    await waitFor(() => handles.every((h) => h.pending('analyze').length === 1), { message: 'one each' });
    handles[1].answer('analyze', personAnswer(['b']));
    await second;
    const third = sidecars.analyze(['c']);
    await waitFor(() => handles[1].pending('analyze').length === 1, { message: 'the third to the idle worker' });
    assert.equal(handles[0].pending('analyze').length, 1);
    handles[0].answer('analyze', personAnswer(['a']));
    handles[1].answer('analyze', personAnswer(['c']));
    assert.deepEqual(await first, [[{ label: 'PERSON', text: 'a', start: 0, end: 1 }]]);
    assert.equal((await third)[0][0].text, 'c');
    assert.deepEqual(
      sidecars.stats().map((s) => [s.state, s.requests, s.inFlight, s.pid]),
      [
        ['ready', 1, 0, handles[0].pid],
        ['ready', 2, 0, handles[1].pid],
      ],
    );
    await sidecars.dispose();
  });

  it('loses nothing when a worker dies mid-request: the request goes to the other, which keeps serving', async () => {
    const relaunch = deferred<void>();
    const { sidecars, handles, statuses } = pool(2, async (n, make) => {
      if (n === 3) await relaunch.promise; // the dead worker's successor takes its time
      return make();
    });
    await sidecars.start();
    const lost = sidecars.analyze(['lost']);
    const other = sidecars.analyze(['other']);
    await waitFor(() => handles.every((h) => h.pending('analyze').length === 1));
    const [victim, survivor] = handles;
    victim.kill();
    await waitFor(() => survivor.pending('analyze').length === 2, { message: 'the lost request re-sent to the survivor' });
    assert.deepEqual(
      survivor.pending('analyze').map((c) => c.body),
      [
        { action: 'analyze', texts: ['other'] },
        { action: 'analyze', texts: ['lost'] },
      ],
    );
    assert.equal(sidecars.state, 'ready');
    assert.deepEqual([sidecars.readyWorkers, statuses.at(-1)?.workersReady, statuses.at(-1)?.workersTotal], [1, 1, 2]);
    assert.match(statuses.at(-1)?.reason ?? '', /worker 1 restarting: the sidecar was killed by SIGKILL/);
    survivor.answer('analyze', personAnswer(['other']));
    survivor.answer('analyze', personAnswer(['lost']));
    assert.equal((await lost)[0][0].text, 'lost');
    assert.equal((await other)[0][0].text, 'other');
    // New work meanwhile goes to the survivor; the dead worker comes back and serves again.
    const more = sidecars.analyze(['more']);
    await waitFor(() => survivor.pending('analyze').length === 1);
    survivor.answer('analyze', personAnswer(['more']));
    await more;
    relaunch.resolve();
    await waitFor(() => sidecars.readyWorkers === 2, { message: 'the dead worker back' });
    assert.equal(statuses.at(-1)?.reason, undefined);
    await sidecars.dispose();
  });

  it('contains a crash loop of one worker: stopped, the other serves, status 1/2, restart brings both back', async () => {
    let broken = true;
    const { sidecars, handles, statuses, launches } = pool(2, async (n, make) => {
      // The first start serves; every later one (the second worker, and its retries) dies at once.
      if (n > 1 && broken) throw new SidecarError('SIDECAR_EXITED', `exited with code 4 before it was ready (start ${n})`, true);
      return make();
    });
    await sidecars.start();
    await waitFor(() => sidecars.stats()[1].state === 'stopped', { message: 'worker 2 gives up after its crash loop' });
    assert.equal(launches(), 6, 'one start of worker 1, five of worker 2');
    const status = statuses.at(-1);
    assert.equal(status?.state, 'ready');
    assert.deepEqual([status?.workersReady, status?.workersTotal], [1, 2]);
    assert.match(status?.reason ?? '', /worker 2 stopped: The sidecar failed 5 times within 3 minutes/);
    const served = sidecars.analyze(['still']);
    await waitFor(() => handles[0].pending('analyze').length === 1);
    handles[0].answer('analyze', personAnswer(['still']));
    assert.equal((await served)[0][0].text, 'still');
    broken = false;
    await sidecars.restart('by hand');
    assert.equal(sidecars.readyWorkers, 2);
    assert.equal(statuses.at(-1)?.reason, undefined);
    await sidecars.dispose();
  });

  it('fails waiting requests only when every worker is stopped', async () => {
    const { sidecars } = pool(2, async () => {
      throw new SidecarError('SIDECAR_NOT_FOUND', 'not found at /x', false);
    });
    await sidecars.start();
    assert.equal(sidecars.state, 'stopped');
    await assert.rejects(sidecars.analyze(['x']), /The sidecar is stopped: not found at \/x/);
  });

  it('abandons the work in flight at shutdown and stops the workers without waiting for it', async () => {
    const { sidecars, handles } = pool(2);
    await sidecars.start();
    const pending = [sidecars.analyze(['a']), sidecars.analyze(['b'])].map((p) =>
      p.then(
        () => 'answered',
        (e: unknown) => e,
      ),
    );
    await waitFor(() => handles.every((h) => h.pending('analyze').length === 1));
    assert.equal(sidecars.abandon(), 2, 'two requests in flight abandoned');
    await assert.rejects(sidecars.analyze(['later']), /shutting down/);
    await sidecars.dispose({ abandon: true });
    for (const outcome of await Promise.all(pending)) {
      assert.ok(outcome instanceof SidecarError && outcome.code === 'SIDECAR_STOPPED', String(outcome));
    }
    assert.deepEqual(
      handles.map((h) => h.shutdowns),
      [[{ abandon: true }], [{ abandon: true }]],
    );
  });

  it('grows and shrinks with the workers setting', async () => {
    const { sidecars, handles } = pool(1);
    await sidecars.start();
    assert.equal(sidecars.totalWorkers, 1);
    await sidecars.updateConfig({ ...config, workers: 3 });
    assert.deepEqual([sidecars.totalWorkers, sidecars.readyWorkers, handles.length], [3, 3, 3]);
    await sidecars.updateConfig({ ...config, workers: 1 });
    assert.deepEqual([sidecars.totalWorkers, sidecars.readyWorkers], [1, 1]);
    assert.deepEqual(
      handles.map((h) => h.dead),
      [false, true, true],
    );
    await sidecars.dispose();
  });

  it('reports health per worker, with memory', async () => {
    const { sidecars, handles } = pool(2);
    await sidecars.start();
    handles[1].rssBytes = 123;
    const health = await sidecars.health();
    assert.deepEqual(
      health.map((h) => [h.worker, h.pid, h.health?.rss_bytes]),
      [
        [1, handles[0].pid, 100_000_000],
        [2, handles[1].pid, 123],
      ],
    );
    assert.equal(sidecars.stats()[1].rssBytes, 123);
    await sidecars.dispose();
  });
});
