import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../../../server/src/sidecar/backoff';

describe('RestartPolicy', () => {
  it('doubles the delay from 0.5 s up to a 30 s cap', () => {
    const policy = new RestartPolicy({ baseDelayMs: 500, maxDelayMs: 30_000, maxCrashes: 100, windowMs: 1 });
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const decision = policy.recordCrash(i * 10);
      assert.equal(decision.action, 'retry');
      if (decision.action === 'retry') delays.push(decision.delayMs);
    }
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('stops at the 5th crash within 3 minutes, not when crashes are spread out', () => {
    const spread = new RestartPolicy();
    for (let i = 0; i < 10; i++) assert.equal(spread.recordCrash(i * 61_000).action, 'retry');

    const loop = new RestartPolicy();
    for (let i = 0; i < 4; i++) assert.equal(loop.recordCrash(i * 1000).action, 'retry');
    assert.deepEqual(loop.recordCrash(5000), { action: 'stop', crashesInWindow: 5 });
  });

  it('starts again from the base delay once stable, and forgets everything on reset', () => {
    const policy = new RestartPolicy();
    policy.recordCrash(0);
    policy.recordCrash(1);
    policy.markStable();
    assert.deepEqual(policy.recordCrash(2), { action: 'retry', delayMs: 500 });
    policy.recordCrash(3);
    policy.reset();
    for (let i = 0; i < 4; i++) assert.equal(policy.recordCrash(10 + i).action, 'retry');
  });

  // Issue 20, attack 2: a stalled sidecar was killed about every 95 s, too slowly for the 5-in-3-
  // minutes breaker, and the same file was re-sent after each restart for ever.
  it('stops after 3 kills within 30 minutes, even when they are too slow for the crash window', () => {
    const policy = new RestartPolicy();
    assert.equal(policy.recordCrash(0, 'killed').action, 'retry');
    policy.markStable();
    assert.equal(policy.recordCrash(95_000, 'killed').action, 'retry');
    policy.markStable();
    assert.deepEqual(policy.recordCrash(190_000, 'killed'), { action: 'stop', crashesInWindow: 3 });
    const crashes = new RestartPolicy();
    for (let i = 0; i < 3; i++) assert.equal(crashes.recordCrash(i * 95_000).action, 'retry', 'plain crashes keep their own window');
  });
});
