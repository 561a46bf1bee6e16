import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDegraded, workersLabel } from '../../../client/src/workersLabel';

describe('status item: sidecar workers', () => {
  it('shows ready/total workers when there are several', () => {
    assert.equal(workersLabel({ state: 'ready', workersReady: 2, workersTotal: 2 }), ' (2/2 workers)');
    assert.equal(workersLabel({ state: 'ready', workersReady: 1, workersTotal: 2 }), ' (1/2 workers)');
  });

  it('shows nothing for one worker, or a server that does not say', () => {
    assert.equal(workersLabel({ state: 'ready', workersReady: 1, workersTotal: 1 }), '');
    assert.equal(workersLabel({ state: 'ready' }), '');
  });

  it('is degraded while some workers are not ready', () => {
    assert.equal(isDegraded({ state: 'ready', workersReady: 1, workersTotal: 2 }), true);
    assert.equal(isDegraded({ state: 'ready', workersReady: 2, workersTotal: 2 }), false);
    assert.equal(isDegraded({ state: 'ready' }), false);
  });
});
