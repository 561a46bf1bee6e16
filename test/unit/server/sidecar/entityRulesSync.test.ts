// Entity rules across the pool: every worker gets them, a restarted worker gets them again before
// it takes a request, analyses say which rules they were made with, problems reach the caller.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger, type Logger } from '../../../../server/src/logger';
import type { EntityRules } from '../../../../server/src/protocol/sidecar';
import { SidecarError } from '../../../../server/src/sidecar/errors';
import { SidecarPool, type PoolConfig } from '../../../../server/src/sidecar/sidecarPool';
import { FakeHandle, personAnswer, TEST_SIDECAR_CONFIG } from '../../../helpers/fakeSidecarHandle';
import { waitFor } from '../../../helpers/waitFor';

const config: PoolConfig = { ...TEST_SIDECAR_CONFIG, workers: 2 };
const RULES: EntityRules = {
  known: [
    { label: 'PERSON', text: 'Frodo Baggins' },
    { label: 'X', pattern: [{ POS: 'NOUN' }] },
  ],
};
const ANSWER = {
  rules: 'aaaa000011112222',
  applied: 1,
  problems: [{ index: 1, code: 'NEEDS_COMPONENT', message: 'POS is set by no loaded component' }],
};

function pool(workers = 2, log: Logger = silentLogger) {
  const handles: FakeHandle[] = [];
  const sidecars = new SidecarPool(
    { ...config, workers },
    {
      launch: async () => {
        const handle = new FakeHandle(1000 + handles.length + 1);
        handles.push(handle);
        return handle;
      },
      onStatus: () => undefined,
      log,
      worker: { policy: { baseDelayMs: 1, maxDelayMs: 8, maxCrashes: 5, windowMs: 180_000 } },
    },
  );
  return { sidecars, handles };
}

/** Answers every pending set_entity_rules of `handle` with `answer`, as they come. */
function answerRules(handle: FakeHandle, answer: unknown = ANSWER): void {
  while (handle.pending('set_entity_rules').length > 0) handle.answer('set_entity_rules', answer);
}

describe('entity rules in the sidecar pool', () => {
  it('sends the rules to every worker and returns the answer, problems included', async () => {
    const { sidecars, handles } = pool(2);
    await sidecars.start();
    const set = sidecars.setEntityRules(RULES);
    await waitFor(() => handles.every((h) => h.pending('set_entity_rules').length === 1), { message: 'rules sent to both workers' });
    assert.deepEqual(handles[0].pending('set_entity_rules')[0].body, { action: 'set_entity_rules', ...RULES });
    handles.forEach((h) => answerRules(h));
    assert.deepEqual(await set, ANSWER);
    await sidecars.dispose();
  });

  it('gives the rules to a restarted worker before it takes any request', async () => {
    const { sidecars, handles } = pool(1);
    await sidecars.start();
    const set = sidecars.setEntityRules(RULES);
    await waitFor(() => handles[0].pending('set_entity_rules').length === 1);
    answerRules(handles[0]);
    await set;

    const analysis = sidecars.analyzeWithRules(['Frodo Baggins']);
    await waitFor(() => handles[0].pending('analyze').length === 1);
    handles[0].kill(); // kill -9 with the analysis in flight
    await waitFor(() => handles[1]?.pending('set_entity_rules').length === 1, { message: 'the rules sent to the new process' });
    assert.equal(sidecars.readyWorkers, 0, 'not ready before it has the rules');
    assert.equal(handles[1].pending('analyze').length, 0, 'no analysis before the rules');
    answerRules(handles[1]);
    await waitFor(() => handles[1].pending('analyze').length === 1, { message: 'the lost analysis re-sent after the rules' });
    assert.deepEqual(
      handles[1].calls.map((c) => c.body.action),
      ['analyze'],
    );
    handles[1].answer('analyze', personAnswer(['Frodo Baggins'], ANSWER.rules));
    assert.deepEqual(await analysis, {
      entities: [[{ label: 'PERSON', text: 'Frodo Baggins', start: 0, end: 13 }]],
      rules: ANSWER.rules,
    });
    await sidecars.dispose();
  });

  it('applies rules set before any worker is ready when they start', async () => {
    const { sidecars, handles } = pool(2);
    const set = sidecars.setEntityRules(RULES);
    const started = sidecars.start();
    await waitFor(() => handles.length === 2 && handles.every((h) => h.pending('set_entity_rules').length === 1));
    handles.forEach((h) => answerRules(h));
    await started;
    // Each worker got them once in its preparation; `set` asks the ready ones again (a no-op for
    // the sidecar: the same rules), and answers with what they say.
    await waitFor(() => handles.every((h) => h.pending('set_entity_rules').length === 1));
    handles.forEach((h) => answerRules(h));
    assert.deepEqual(await set, ANSWER);
    await sidecars.dispose();
  });

  it('keeps a worker serving, without rules, when its sidecar refuses them', async () => {
    const errors: string[] = [];
    const log: Logger = { ...silentLogger, error: (m) => errors.push(m) };
    const { sidecars, handles } = pool(1, log);
    void sidecars.setEntityRules(RULES).catch(() => undefined);
    const started = sidecars.start();
    await waitFor(() => handles[0]?.pending('set_entity_rules').length === 1);
    handles[0]
      .pending('set_entity_rules')[0]
      .reject(new SidecarError('SIDECAR_REQUEST_FAILED', 'Sidecar error INVALID_REQUEST: known must be an array', false));
    handles[0].calls.splice(0, 1);
    await started;
    assert.equal(sidecars.state, 'ready');
    assert.match(errors.join('\n'), /refused the entity rules.*INVALID_REQUEST/);
    await sidecars.dispose();
  });

  it('returns null rules from a sidecar that names none', async () => {
    const { sidecars, handles } = pool(1);
    await sidecars.start();
    const analysis = sidecars.analyzeWithRules(['x']);
    await waitFor(() => handles[0].pending('analyze').length === 1);
    handles[0].answer('analyze', { results: [{ entities: [] }] });
    assert.deepEqual(await analysis, { entities: [[]], rules: null });
    await sidecars.dispose();
  });
});
