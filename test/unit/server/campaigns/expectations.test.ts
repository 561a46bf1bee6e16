// Each expectation judged on a transcript: met, unmet with what was found, and "no name outside
// the source" from the entity fidelity the probe recorded (failing when there is none).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judge } from '../../../../server/src/campaigns/expectations';
import type { Transcript, Turn } from '../../../../shared/probes/transcript';

function transcript(responses: string[], extra: Partial<Turn> = {}): Transcript {
  const turns = responses.map((response, index) => ({
    index,
    role: 'prompt',
    prompt: 'p',
    response,
    startedAt: '',
    endedAt: '',
    durationMs: 100,
    retries: 0,
    tokens: { input: 10, output: 20, estimated: false },
    costUsd: 0.001,
    ...extra,
  }));
  return { run: { outcome: 'completed', durationMs: 100 }, turns, errors: [], totals: {} } as unknown as Transcript;
}

const failed = (t: Transcript, expect: Parameters<typeof judge>[1]): string[] =>
  judge(t, expect)
    .filter((v) => !v.passed)
    .map((v) => `${v.name}${v.detail ? `: ${v.detail}` : ''}`);

describe('expectations', () => {
  const t = transcript(['Ada Lovelace wrote the first program.', 'She worked with Babbage.']);
  it('all met', () => {
    assert.deepEqual(
      failed(t, {
        mention: ['ada lovelace', 'Babbage'],
        notInvent: ['Isaac Newton'],
        match: ['program'],
        notMatch: ['\\d{4}'],
        maxTokens: 20,
        maxCostUsd: 0.01,
        maxLatencyMs: 1000,
      }),
      [],
    );
  });
  it('a missing name, an invented one, a regex, a cost, tokens and latency over', () => {
    assert.deepEqual(
      failed(t, {
        mention: ['Charles Dickens'],
        notInvent: ['Babbage'],
        match: ['^nothing$'],
        notMatch: ['first'],
        maxTokens: 19,
        maxCostUsd: 0.0005,
        maxLatencyMs: 50,
      }),
      [
        'mention Charles Dickens: not mentioned',
        'not invent Babbage: named in turn 2',
        'match /^nothing$/: no answer matches',
        'not match /first/: turn 1 matches',
        'max tokens 19: turn 1: 20',
        'max cost 0.0005 USD: turn 1: 0.001 USD',
        'max latency 50 ms: turn 1: 100 ms',
      ],
    );
  });
  it('no name outside the source reads the recorded fidelity', () => {
    const entities = { source: [], reply: [], mentioned: [], missing: [], unsupported: [{ text: 'Isaac Newton', label: 'PERSON' }] };
    assert.deepEqual(failed(transcript(['Newton'], { entities }), { noNameOutsideSource: true }), [
      'no name outside the source: not in the source: Isaac Newton (PERSON)',
    ]);
    assert.deepEqual(failed(transcript(['fine'], { entities: { ...entities, unsupported: [] } }), { noNameOutsideSource: true }), []);
    assert.match(failed(transcript(['no fidelity']), { noNameOutsideSource: true })[0] ?? '', /no entity fidelity/);
  });
  it('a failed probe fails the job', () => {
    const bad = {
      ...t,
      run: { ...t.run, outcome: 'failed' },
      errors: [{ turn: 0, code: 'PROBE_HTTP_ERROR', message: 'HTTP 500', retryable: true }],
    } as Transcript;
    assert.deepEqual(failed(bad, {}), ['probe completed: failed: HTTP 500']);
  });
});
