// Entity rules through the pool with REAL sidecars (2 workers): applied by every worker, named by
// their hash in every analysis, problems returned to the caller, and a worker killed -9 comes back
// WITH the rules (they are sent to the new process before it takes a request).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../../server/src/logger';
import type { Entity, EntityRules } from '../../../server/src/protocol/sidecar';
import { createLauncher } from '../../../server/src/sidecar/launchSidecar';
import { SidecarPool } from '../../../server/src/sidecar/sidecarPool';
import { realSidecar, repoRoot, requireRealSidecar } from '../../helpers/paths';
import { isAlive, waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const TEXT = 'Frodo Baggins walked to Bree with Samwise Gamgee.';
const RULES: EntityRules = {
  known: [
    // Labels the model never gives these names: only the rules can.
    { label: 'HOBBIT', text: 'Frodo Baggins' },
    { label: 'FAC', text: 'Bree' },
    // Needs the tagger, which the sidecar does not run: skipped and reported, the others apply.
    { label: 'PERSON', pattern: [{ POS: 'PROPN' }] },
  ],
  ignore: { texts: ['Samwise Gamgee'] },
};

function ruled(entities: Entity[]): void {
  const found = entities.map((e) => `${e.label}:${e.text}`);
  assert.ok(found.includes('HOBBIT:Frodo Baggins'), JSON.stringify(found));
  assert.ok(found.includes('FAC:Bree'), JSON.stringify(found));
  assert.ok(!entities.some((e) => e.text === 'Samwise Gamgee'), JSON.stringify(found));
}

describe('entity rules across a pool of real sidecars', { timeout: 180_000 }, () => {
  let pool: SidecarPool;

  before(async () => {
    pool = new SidecarPool(
      {
        path: realSidecar,
        pipeline: 'en_core_web_sm',
        startTimeoutMs: 60_000,
        healthCheckIntervalMs: 30_000,
        healthCheckTimeoutMs: 5000,
        requestTimeoutMs: 60_000,
        workers: 2,
      },
      { launch: createLauncher(silentLogger, path.join(repoRoot, 'dist')), onStatus: () => undefined, log: silentLogger },
    );
    await pool.start();
    assert.equal(pool.readyWorkers, 2);
  });

  after(async () => {
    await pool.dispose();
  });

  it('applies the rules in every worker, returns their problems, and names them in every analysis', async () => {
    const plain = await pool.analyzeWithRules([TEXT]);
    assert.equal(plain.rules, null, 'no rules yet');
    const model = plain.entities[0].map((e) => `${e.label}:${e.text}`);
    assert.ok(!model.includes('HOBBIT:Frodo Baggins') && !model.includes('FAC:Bree'), JSON.stringify(model));
    assert.ok(
      plain.entities[0].some((e) => e.text === 'Samwise Gamgee'),
      `the model finds Samwise Gamgee, which the rules will drop: ${JSON.stringify(model)}`,
    );

    const answer = await pool.setEntityRules(RULES);
    assert.match(answer.rules ?? '', /^[0-9a-f]{16}$/);
    assert.equal(answer.applied, 2);
    assert.deepEqual(
      answer.problems.map((p) => [p.index, p.code]),
      [[2, 'NEEDS_COMPONENT']],
    );

    // Two at once: one to each worker (the least-loaded rule spreads them).
    const requestsBefore = pool.stats().map((w) => w.requests);
    const results = await Promise.all([pool.analyzeWithRules([TEXT]), pool.analyzeWithRules([TEXT])]);
    assert.deepEqual(
      pool.stats().map((w, i) => w.requests - requestsBefore[i]),
      [1, 1],
      'one analysis per worker',
    );
    for (const result of results) {
      assert.equal(result.rules, answer.rules);
      ruled(result.entities[0]);
    }
  });

  it('gives the rules to a worker killed -9 before it serves again', async () => {
    const hash = (await pool.setEntityRules(RULES)).rules;
    const [victim] = pool.stats();
    assert.ok(victim.pid);
    process.kill(victim.pid, 'SIGKILL');
    await waitFor(() => pool.stats()[0].starts === 2 && pool.stats()[0].state === 'ready', {
      timeoutMs: 90_000,
      message: 'the killed worker restarted',
    });
    assert.equal(isAlive(victim.pid), false);
    const requestsBefore = pool.stats().map((w) => w.requests);
    const results = await Promise.all([pool.analyzeWithRules([TEXT]), pool.analyzeWithRules([TEXT])]);
    assert.deepEqual(
      pool.stats().map((w, i) => w.requests - requestsBefore[i]),
      [1, 1],
      'the restarted worker served one of them',
    );
    for (const result of results) {
      assert.equal(result.rules, hash, 'made with the rules');
      ruled(result.entities[0]);
    }
  });
});
