// The scheduler between documents and the sidecar: interactive work overtakes queued background
// work, background work is shared out by document, batches respect the concurrency and their size
// budget, and work nobody waits for any more is dropped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisCancelled, AnalysisScheduler, type Claim, type SchedulerOptions } from '../../../../server/src/analysis/scheduler';
import type { Entity } from '../../../../server/src/protocol/sidecar';

/** A sidecar that answers a batch only when the test releases it. */
function gatedSidecar() {
  const calls: string[][] = [];
  const gates: (() => void)[] = [];
  let active = 0;
  let maxActive = 0;
  const analyze = async (texts: string[]): Promise<Entity[][]> => {
    calls.push(texts);
    active += 1;
    maxActive = Math.max(maxActive, active);
    await new Promise<void>((resolve) => gates.push(resolve));
    active -= 1;
    return texts.map((text) => [{ label: 'X', text, start: 0, end: text.length }]);
  };
  /** Answers the oldest batch in flight and lets the scheduler send the next. */
  const answer = async (): Promise<void> => {
    const gate = gates.shift();
    assert.ok(gate, 'a batch is in flight');
    gate();
    await settle();
  };
  return { calls, analyze, answer, maxActive: () => maxActive };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const owner = (group: string, priority: Claim['priority'] = 'background', raise = true): Claim => ({ owner: {}, group, priority, raise });

function scheduler(
  analyze: (texts: string[]) => Promise<Entity[][]>,
  options: Partial<SchedulerOptions> = {},
  concurrency = 1,
  now: () => number = () => 0,
) {
  // Budgets in characters that these tests can count (10 per background batch), and a clock that
  // stands still, so no measured speed changes them.
  return new AnalysisScheduler(
    { analyze, concurrency: () => concurrency, now },
    { initialCharsPerMs: 1, backgroundBatchMs: 10, minBatchChars: 1, maxBatchChars: 100, interactiveBatchChars: 10, ...options },
  );
}

describe('AnalysisScheduler', () => {
  it('collects the texts asked for together into one batch', async () => {
    const sidecar = gatedSidecar();
    const s = scheduler(sidecar.analyze);
    const claim = owner('a', 'interactive');
    const all = Promise.all(['aa', 'bb', 'cc'].map((text) => s.request(text, claim)));
    await settle();
    assert.deepEqual(sidecar.calls, [['aa', 'bb', 'cc']]);
    await sidecar.answer();
    assert.deepEqual(
      (await all).map((entities) => entities[0].text),
      ['aa', 'bb', 'cc'],
    );
  });

  it('sends interactive work ahead of background work queued before it', async () => {
    const sidecar = gatedSidecar();
    const s = scheduler(sidecar.analyze);
    const big = owner('big.md');
    for (const text of ['b1xxx', 'b2xxx', 'b3xxx', 'b4xxx', 'b5xxx', 'b6xxx']) void s.request(text, big);
    await settle();
    assert.deepEqual(sidecar.calls, [['b1xxx', 'b2xxx']], 'one background batch of 10 characters in flight');
    const edit = s.request('edit', owner('small.md', 'interactive'));
    await settle();
    assert.equal(sidecar.calls.length, 1, 'nothing more in flight than the concurrency allows');
    await sidecar.answer();
    assert.deepEqual(sidecar.calls[1], ['edit'], 'the edit overtakes the queued background batches');
    await sidecar.answer();
    assert.equal((await edit)[0].text, 'edit');
    assert.deepEqual(sidecar.calls[2], ['b3xxx', 'b4xxx']);
    assert.equal(s.stats.interactiveBatches, 1);
    assert.equal(s.stats.backgroundBatches, 2);
  });

  it('shares background work out by document, round-robin', async () => {
    const sidecar = gatedSidecar();
    const s = scheduler(sidecar.analyze, { backgroundBatchMs: 5 });
    for (const text of ['a1xxx', 'a2xxx', 'a3xxx']) void s.request(text, owner('a'));
    for (const text of ['b1xxx', 'b2xxx']) void s.request(text, owner('b'));
    await settle();
    for (let i = 0; i < 4; i++) await sidecar.answer();
    assert.deepEqual(sidecar.calls, [['a1xxx'], ['b1xxx'], ['a2xxx'], ['b2xxx'], ['a3xxx']]);
  });

  it('raises a queued background text to interactive, unless the claim says not to', async () => {
    const sidecar = gatedSidecar();
    const s = scheduler(sidecar.analyze, { backgroundBatchMs: 5 });
    for (const text of ['q1xxx', 'q2xxx', 'q3xxx', 'q4xxx']) void s.request(text, owner('doc'));
    await settle();
    void s.request('q4xxx', owner('doc', 'interactive', false));
    void s.request('q3xxx', owner('doc', 'interactive', true));
    await sidecar.answer();
    await sidecar.answer();
    assert.deepEqual(sidecar.calls.slice(0, 3), [['q1xxx'], ['q3xxx'], ['q2xxx']]);
  });

  it('keeps at most `concurrency` batches in flight', async () => {
    const sidecar = gatedSidecar();
    const s = scheduler(sidecar.analyze, { backgroundBatchMs: 5 }, 2);
    for (const text of ['c1xxx', 'c2xxx', 'c3xxx', 'c4xxx']) void s.request(text, owner('doc'));
    await settle();
    assert.equal(sidecar.calls.length, 2);
    for (let i = 0; i < 4; i++) if (sidecar.calls.length > i) await sidecar.answer();
    assert.equal(sidecar.calls.length, 4);
    assert.equal(sidecar.maxActive(), 2);
  });

  it('sends a text once however many ask for it, and answers all of them', async () => {
    const sidecar = gatedSidecar();
    const s = scheduler(sidecar.analyze);
    const one = s.request('same', owner('a', 'interactive'));
    await settle();
    const two = s.request('same', owner('b', 'interactive'));
    await settle();
    await sidecar.answer();
    assert.deepEqual(await one, await two);
    assert.deepEqual(sidecar.calls, [['same']]);
    assert.equal(s.has('same'), false, 'answered texts leave the scheduler');
  });

  it('drops queued texts nobody waits for any more, keeps shared ones and those under way', async () => {
    const sidecar = gatedSidecar();
    const s = scheduler(sidecar.analyze, { backgroundBatchMs: 5 });
    const closed = owner('closed.md');
    const other = owner('other.md');
    const sent = s.request('d1xxx', closed);
    const dropped = s.request('d2xxx', closed);
    const shared = s.request('d3xxx', closed);
    void s.request('d3xxx', other);
    await settle();
    s.release(closed.owner);
    await assert.rejects(dropped, AnalysisCancelled);
    assert.equal(s.stats.blocksCancelled, 1);
    await sidecar.answer();
    await sidecar.answer();
    assert.equal((await sent)[0].text, 'd1xxx', 'a text under way is still answered');
    assert.equal((await shared)[0].text, 'd3xxx');
    assert.deepEqual(sidecar.calls, [['d1xxx'], ['d3xxx']]);
  });

  it('fails every text of a failed batch and goes on with the next', async () => {
    let fail = true;
    const calls: string[][] = [];
    const s = scheduler(async (texts) => {
      calls.push(texts);
      if (fail) {
        fail = false;
        throw new Error('sidecar gone');
      }
      return texts.map(() => []);
    });
    const claim = owner('a', 'interactive');
    const first = s.request('e1', claim);
    await settle();
    const second = s.request('e2', claim);
    await assert.rejects(first, /sidecar gone/);
    assert.deepEqual(await second, []);
    assert.deepEqual(calls, [['e1'], ['e2']]);
  });

  it('fails the batch when analyze throws at once (no sidecar yet), without throwing itself', async () => {
    const s = scheduler(() => {
      throw new Error('not started');
    });
    await assert.rejects(s.request('h1', owner('a', 'interactive')), /not started/);
  });

  it('sizes background batches by the measured speed, within bounds', async () => {
    const sidecar = gatedSidecar();
    let clock = 0;
    // 10 characters per 50 ms at first: two texts of 5 per batch.
    const s = scheduler(sidecar.analyze, { initialCharsPerMs: 0.2, backgroundBatchMs: 50, maxBatchChars: 20 }, 1, () => clock);
    for (let i = 0; i < 9; i++) void s.request(`g${i}xxx`, owner('doc'));
    await settle();
    assert.deepEqual(sidecar.calls[0], ['g0xxx', 'g1xxx']);
    clock += 1; // the first batch took 1 ms: the sidecar is much faster than assumed
    await sidecar.answer();
    assert.deepEqual(sidecar.calls[1], ['g2xxx', 'g3xxx', 'g4xxx', 'g5xxx'], 'bigger, up to maxBatchChars');
  });
});
