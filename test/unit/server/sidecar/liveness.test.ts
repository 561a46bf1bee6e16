import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HealthData } from '../../../../server/src/protocol/sidecar';
import { LivenessMonitor } from '../../../../server/src/sidecar/liveness';

const clock = { now: 0 };
const monitor = (): LivenessMonitor => new LivenessMonitor({ failuresToRestart: 3, stuckAfterMs: () => 10_000, now: () => clock.now });
const health = (progress: Partial<HealthData>): HealthData => ({
  status: 'healthy',
  model: 'm',
  model_version: '1',
  spacy_version: '3',
  frozen: true,
  uptime_s: 1,
  rss_bytes: 1,
  ...progress,
});

describe('LivenessMonitor', () => {
  it('calls a sidecar hung after 3 silent failed checks in a row', () => {
    const m = monitor();
    assert.deepEqual(m.failed(5, 5, 'timeout'), { replace: false, failures: 1 });
    assert.deepEqual(m.failed(5, 5, 'timeout'), { replace: false, failures: 2 });
    const verdict = m.failed(5, 5, 'timeout');
    assert.equal(verdict.replace, true);
    assert.match(verdict.replace ? verdict.reason : '', /failed 3 health checks in a row and printed nothing meanwhile \(last: timeout\)/);
  });

  it('does not count a check the sidecar answered late, or that it outlived by printing something else', () => {
    const m = monitor();
    assert.deepEqual(m.failed(5, 5, 'timeout'), { replace: false, failures: 1 });
    // Something came after the first failed check was sent (its late answer): a new streak.
    assert.deepEqual(m.failed(6, 6, 'timeout'), { replace: false, failures: 1 });
    assert.deepEqual(m.failed(7, 7, 'timeout'), { replace: false, failures: 1 });
    // Something came after this very check was sent: alive.
    assert.deepEqual(m.failed(7, 9, 'timeout'), { replace: false, failures: 0 });
  });

  it('calls a sidecar stuck when one request runs past the limit and nothing finishes for as long', () => {
    const m = monitor();
    clock.now = 0;
    assert.equal(m.answered(health({ busy_s: 2, requests_done: 4 })).replace, false);
    clock.now = 9_000;
    assert.equal(m.answered(health({ busy_s: 11, requests_done: 4 })).replace, false, 'nothing finished for 9 s only');
    clock.now = 10_000;
    const verdict = m.answered(health({ busy_s: 12, requests_done: 4 }));
    assert.equal(verdict.replace, true);
    assert.match(verdict.replace ? verdict.reason : '', /one request for 12 s and finished none for 10 s \(limit 10 s\): stuck/);
  });

  it('does not call stuck a sidecar that finishes requests, is idle, or does not report progress', () => {
    const m = monitor();
    clock.now = 0;
    m.answered(health({ busy_s: 20, requests_done: 1 }));
    clock.now = 20_000;
    assert.equal(m.answered(health({ busy_s: 20, requests_done: 2 })).replace, false, 'it finished one meanwhile');
    clock.now = 60_000;
    assert.equal(m.answered(health({ busy_s: 0, requests_done: 2 })).replace, false, 'idle');
    clock.now = 120_000;
    assert.equal(m.answered(health({})).replace, false, 'an older sidecar without progress fields');
  });
});
