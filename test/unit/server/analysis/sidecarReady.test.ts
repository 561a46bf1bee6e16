import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LabelExplainer } from '../../../../server/src/entities/labels';
import { SidecarReadyPolicy } from '../../../../server/src/analysis/sidecarReady';
import type { ModelLoaded } from '../../../../server/src/protocol/sidecar';

function harness() {
  const calls: string[] = [];
  const labels = new LabelExplainer();
  const policy = new SidecarReadyPolicy({
    labels,
    clearCache: () => calls.push('clear'),
    analyzeAll: () => calls.push('all'),
    retryFailed: () => calls.push('retry'),
  });
  return { calls, labels, policy };
}

const model = (version: string, labels?: Record<string, string>): ModelLoaded => ({
  status: 'model_loaded',
  protocol: 1,
  model: 'en_core_web_sm',
  model_version: version,
  pid: 1,
  ...(labels ? { labels } : {}),
});
const sidecar = { path: '', pipeline: 'en_core_web_sm' };

test('the first ready sidecar and a restart of the same model only retry failed runs', () => {
  const { calls, policy } = harness();
  assert.equal(policy.onReady(model('3.8.0'), sidecar), 'same-model');
  assert.equal(policy.onReady(model('3.8.0'), sidecar), 'same-model');
  assert.deepEqual(calls, ['retry', 'retry']);
});

test('another model version, pipeline or sidecar path clears the cache and re-analyses everything', () => {
  const { calls, policy } = harness();
  policy.onReady(model('3.8.0'), sidecar);
  assert.equal(policy.onReady(model('3.8.1'), sidecar), 'model-changed');
  assert.equal(policy.onReady(model('3.8.1'), { ...sidecar, pipeline: '/models/custom' }), 'model-changed');
  assert.equal(policy.onReady(model('3.8.1'), { path: '/opt/sidecar', pipeline: '/models/custom' }), 'model-changed');
  assert.deepEqual(calls, ['retry', 'clear', 'all', 'clear', 'all', 'clear', 'all']);
});

test('label explanations come from the ready sidecar', () => {
  const { labels, policy } = harness();
  policy.onReady(model('3.8.0', { PERSON: 'A person, from the sidecar' }), sidecar);
  assert.equal(labels.explain('PERSON'), 'A person, from the sidecar');
});
