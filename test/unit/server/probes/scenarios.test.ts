import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BUILTIN_SCENARIOS,
  mergeScenarios,
  parseScenarioFile,
  parseScenarioList,
  renderTemplate,
} from '../../../../server/src/probes/scenarios';

const good = { id: 'tone', title: 'Tone', preamble: 'Be brief.', prompt: 'What is the tone of: {{selection}}', followUps: ['Why?'] };

describe('renderTemplate', () => {
  it('substitutes every {{selection}}, spaces allowed, and leaves other braces alone', () => {
    assert.equal(renderTemplate('A {{selection}} B {{ selection }} {{other}}', 'X'), 'A X B X {{other}}');
  });
  it('inserts the selection literally, even with $ patterns', () => {
    assert.equal(renderTemplate('[{{selection}}]', 'costs $& and $1'), '[costs $& and $1]');
  });
});

describe('built-in scenarios', () => {
  it('include summarize, entities, critique, "Who is mentioned?" and about-entity, each valid with follow-ups', () => {
    assert.deepEqual(
      BUILTIN_SCENARIOS.map((s) => s.id),
      ['summarize', 'entities', 'critique', 'who', 'about-entity'],
    );
    for (const s of BUILTIN_SCENARIOS) {
      assert.match(s.prompt, /\{\{selection\}\}/);
      assert.ok(s.followUps.length > 0);
      assert.deepEqual(parseScenarioList([s], 'builtin').problems, []);
    }
  });
  it('"Who is mentioned?" uses the entity variables and the file name, with labelled follow-ups and parameters', () => {
    const who = BUILTIN_SCENARIOS.find((s) => s.id === 'who');
    assert.ok(who);
    assert.equal(who.title, 'Who is mentioned?');
    for (const variable of ['{{entities}}', '{{file}}']) assert.ok(who.prompt.includes(variable), variable);
    assert.ok(JSON.stringify(who.followUps).includes('{{entities.PERSON}}'));
    assert.ok(who.followUps.every((f) => typeof f === 'object' && f.label.length > 0));
    assert.deepEqual([who.temperature, who.maxTokens], [0.2, 800]);
  });
});

describe('parseScenarioList', () => {
  it('keeps valid entries and names the field path of invalid ones', () => {
    const result = parseScenarioList(
      [good, { ...good, id: 'bad id', followUps: ['ok', 3] }, { ...good, id: 'noSel', prompt: 'no placeholder' }],
      'settings',
    );
    assert.deepEqual(
      result.scenarios.map((s) => s.id),
      ['tone'],
    );
    assert.deepEqual(result.problems, [
      'settings: [1].id (scenario "bad id"): use letters, digits, _ . or -',
      'settings: [1].followUps[1] (scenario "bad id"): a follow-up is a prompt (text) or { label, prompt }',
      'settings: [2].prompt (scenario "noSel"): must contain {{selection}} (or {{document}}, {{entity}}, {{entities}})',
    ]);
  });
  it('defaults followUps to an empty list', () => {
    const { scenarios } = parseScenarioList([{ id: 'a', title: 'A', preamble: '', prompt: '{{selection}}' }], 's');
    assert.deepEqual(scenarios[0].followUps, []);
  });
  it('accepts { scenarios: [...] } and reports paths under it', () => {
    const result = parseScenarioList({ scenarios: [good, { id: 'x' }] }, 'f.yaml');
    assert.equal(result.scenarios.length, 1);
    assert.ok(
      result.problems.some((p) => p.startsWith('f.yaml: scenarios[1].title (scenario "x"):')),
      result.problems.join('\n'),
    );
  });
  it('rejects a non-list', () => {
    assert.deepEqual(parseScenarioList({ scenarios: 'nope' }, 'f.json').problems, ['f.json: scenarios: expected a list of scenarios']);
    assert.deepEqual(parseScenarioList(undefined, 'x'), { scenarios: [], problems: [] });
  });
});

describe('parseScenarioFile', () => {
  it('reads YAML', () => {
    const yaml = `scenarios:\n  - id: tone\n    title: Tone\n    preamble: Be brief.\n    prompt: "Tone of: {{selection}}"\n    followUps:\n      - Why?\n  - id: broken\n    title: Broken\n    preamble: x\n    prompt: 42\n`;
    const result = parseScenarioFile(yaml, '/w/.samsara/scenarios.yaml');
    assert.deepEqual(
      result.scenarios.map((s) => [s.id, s.followUps]),
      [['tone', ['Why?']]],
    );
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0], /^\/w\/\.samsara\/scenarios\.yaml: scenarios\[1\]\.prompt \(scenario "broken"\): /);
  });
  it('reads JSON', () => {
    const result = parseScenarioFile(JSON.stringify([good]), 'scen.json');
    assert.deepEqual(
      result.scenarios.map((s) => s.id),
      ['tone'],
    );
  });
  it('reports a syntax error with the file and line', () => {
    const result = parseScenarioFile('scenarios:\n  - id: [unclosed\n', 'bad.yaml');
    assert.equal(result.scenarios.length, 0);
    assert.match(result.problems[0], /^bad\.yaml \(line \d+\): not valid YAML: /);
    assert.match(parseScenarioFile('{nope', 'bad.json').problems[0], /^bad\.json: not valid JSON: /);
  });
});

describe('mergeScenarios', () => {
  it('lets later sources replace scenarios by id, keeping order of first appearance', () => {
    const merged = mergeScenarios(BUILTIN_SCENARIOS, [{ ...good, id: 'entities', title: 'Mine' }], [good]);
    assert.deepEqual(
      merged.map((s) => s.id),
      ['summarize', 'entities', 'critique', 'who', 'about-entity', 'tone'],
    );
    assert.equal(merged[1].title, 'Mine');
  });
});
