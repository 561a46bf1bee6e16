// Issue 20, attack 6: a repository's scenario sending {{document}} (unselected text) ran without a
// word. Now a scenario that is not built in and sends the document or the file's path is confirmed
// on first use, saying what it sends; built-ins keep their ids (the server refuses clashes).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consentKey, consentQuestion } from '../../../../client/src/probes/consentQuestion';
import { BUILTIN_SCENARIO_IDS, type Scenario } from '../../../../shared/probes/scenario';
import { BUILTIN_SCENARIOS } from '../../../../server/src/probes/scenarios';

const theirs: Scenario = {
  id: 'workspace.summarize',
  title: 'Summarise (from /repo/.samsara/scenarios.yaml)',
  preamble: '',
  prompt: '{{document}}',
  followUps: [],
};

describe('first-use consent for scenarios that send more than the selection', () => {
  it('asks for a workspace scenario with {{document}} or {{file}}, saying what it sends', () => {
    const question = consentQuestion(theirs, new Set());
    assert.match(question?.message ?? '', /sends the whole document, not only the selection/);
    const withFile = consentQuestion({ ...theirs, prompt: '{{selection}} from {{file}}' }, new Set());
    assert.match(withFile?.message ?? '', /the file's path/);
  });

  it('asks once per content, not for a plain one or a built-in', () => {
    assert.equal(consentQuestion(theirs, new Set([consentKey(theirs)])), undefined);
    assert.ok(consentQuestion({ ...theirs, prompt: '{{document}} again' }, new Set([consentKey(theirs)])), 'changed: asked again');
    assert.equal(consentQuestion({ ...theirs, prompt: '{{selection}}' }, new Set()), undefined);
    assert.equal(consentQuestion(BUILTIN_SCENARIOS.find((s) => s.id === 'who') as Scenario, new Set()), undefined);
  });

  it('the shared list of built-in ids is the server’s', () => {
    assert.deepEqual(
      [...BUILTIN_SCENARIO_IDS],
      BUILTIN_SCENARIOS.map((s) => s.id),
    );
  });
});
