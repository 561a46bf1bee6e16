import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecret } from '../../../../server/src/probes/errors';
import { parseProbeSettings, PROBE_SETTING_DEFAULTS } from '../../../../server/src/probes/probeSettings';
import { ProviderLimits, Semaphore } from '../../../../server/src/probes/semaphore';

describe('redactSecret', () => {
  const key = 'sk-test-SECRET-0123456789abcdef';
  it('removes the whole key and long fragments of it', () => {
    assert.equal(redactSecret(`Incorrect API key provided: ${key}.`, key), 'Incorrect API key provided: [redacted].');
    assert.equal(redactSecret('key sk-test-SECRET-012**** is wrong', key), 'key [redacted]**** is wrong');
    assert.equal(redactSecret('Incorrect key ****3456789abcdef', key), 'Incorrect key ****[redacted]');
  });
  it('leaves other text and short fragments alone', () => {
    assert.equal(redactSecret('sk-test is the prefix; rate limited', key), 'sk-test is the prefix; rate limited');
    assert.equal(redactSecret('anything', undefined), 'anything');
  });
});

describe('Semaphore', () => {
  it('admits up to the limit and hands slots over in order', async () => {
    const s = new Semaphore(2);
    const r1 = await s.acquire();
    await s.acquire();
    const order: number[] = [];
    const third = s.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const fourth = s.acquire().then((release) => {
      order.push(4);
      return release;
    });
    assert.equal(s.inUse, 2);
    r1();
    r1(); // releasing twice frees one slot only
    const r3 = await third;
    assert.deepEqual(order, [3]);
    assert.equal(s.inUse, 2);
    r3();
    await fourth;
    assert.deepEqual(order, [3, 4]);
  });
  it('lets a waiter give up', async () => {
    const s = new Semaphore(1);
    await s.acquire();
    const abort = new AbortController();
    const waiting = s.acquire(abort.signal);
    abort.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    assert.equal(s.inUse, 1);
  });
  it('raising the limit admits waiters; limits are per provider', async () => {
    const limits = new ProviderLimits(1);
    await limits.for('openai').acquire();
    await limits.for('anthropic').acquire(); // another provider, its own slot
    const waiting = limits.for('openai').acquire();
    limits.setLimit(2);
    await waiting;
    assert.equal(limits.for('openai').inUse, 2);
  });
});

describe('parseProbeSettings', () => {
  it('uses defaults when nothing is set', () => {
    assert.deepEqual(parseProbeSettings(undefined), { settings: PROBE_SETTING_DEFAULTS, problems: [] });
  });
  it('keeps valid fields and replaces invalid ones with defaults, naming them', () => {
    const { settings, problems } = parseProbeSettings({ timeoutMs: 5, maxRetries: 2, concurrency: 'many', scenarioFile: 'x.yaml' });
    assert.equal(settings.timeoutMs, 60_000);
    assert.equal(settings.maxRetries, 2);
    assert.equal(settings.concurrency, 4);
    assert.equal(settings.scenarioFile, 'x.yaml');
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^samsara\.probes\.timeoutMs: .*default 60000/);
    assert.match(problems[1], /^samsara\.probes\.concurrency: /);
  });
});
