import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scenarioSchema, scenarioTurns } from '../../../../shared/probes/scenario';
import { templateProblem, usesVariable, variablesOf } from '../../../../shared/probes/templateVariables';
import { TemplateError } from '../../../../server/src/probes/errors';
import { parseScenarioList } from '../../../../server/src/probes/scenarios';
import { DOCUMENT_VARIABLE_CAP, NONE_FOUND, renderTemplate } from '../../../../server/src/probes/templates';

const entities = [
  { text: 'Ada Lovelace', label: 'PERSON' },
  { text: 'London', label: 'GPE' },
  { text: 'Charles Babbage', label: 'PERSON' },
  { text: 'Ada Lovelace', label: 'PERSON' },
];

describe('template rendering', () => {
  it('fills {{entities}} with one "text (LABEL)" line per distinct entity, in order of first mention', () => {
    assert.equal(
      renderTemplate('Names:\n{{entities}}', { selection: 's', entities }),
      'Names:\nAda Lovelace (PERSON)\nLondon (GPE)\nCharles Babbage (PERSON)',
    );
  });
  it('fills {{entities.PERSON}} (and its lower-case spelling) with the texts of that label only', () => {
    assert.equal(
      renderTemplate('{{entities.PERSON}}|{{ entities.person }}', { selection: 's', entities }),
      'Ada Lovelace\nCharles Babbage|Ada Lovelace\nCharles Babbage',
    );
    assert.equal(renderTemplate('{{entities.ORG}}', { selection: 's', entities }), NONE_FOUND);
    assert.equal(renderTemplate('{{entities}}', { selection: 's', entities: [] }), NONE_FOUND);
  });
  it('fills {{selection}}, {{document}}, {{file}} and {{entity}} literally, $ patterns included', () => {
    const values = { selection: 'cost $&', document: 'whole $1 doc', file: 'notes/a.md', entity: 'Ada' };
    assert.equal(
      renderTemplate('[{{selection}}] [{{document}}] [{{file}}] [{{entity}}]', values),
      '[cost $&] [whole $1 doc] [notes/a.md] [Ada]',
    );
    assert.equal(renderTemplate('{{entity}} / {{file}}', { selection: 'the selection' }), 'the selection / (no file)');
  });
  it('refuses {{document}} past the cap, and without a document, with an error saying what to do', () => {
    const long = 'x'.repeat(DOCUMENT_VARIABLE_CAP + 1);
    assert.throws(
      () => renderTemplate('{{document}}', { selection: 's', document: long }),
      (e: unknown) => {
        assert.ok(e instanceof TemplateError);
        assert.equal(e.code, 'PROBE_TEMPLATE');
        assert.match(e.message, /100,001 characters; the cap is 100,000\. Select the part to probe/);
        return true;
      },
    );
    assert.equal(
      renderTemplate('{{document}}', { selection: 's', document: 'x'.repeat(DOCUMENT_VARIABLE_CAP) }).length,
      DOCUMENT_VARIABLE_CAP,
    );
    assert.throws(() => renderTemplate('{{document}}', { selection: 's' }), /needs the whole document/);
  });
  it('refuses {{entities}} when the selection was not analysed', () => {
    assert.throws(() => renderTemplate('{{entities}}', { selection: 's' }), /needs the sidecar/);
  });
  it('keeps the old form: a string is the selection', () => {
    assert.equal(renderTemplate('A {{selection}} B {{ selection }}', 'X'), 'A X B X');
  });
});

describe('template validation', () => {
  it('lists every variable, known or not', () => {
    assert.deepEqual(
      variablesOf('{{selection}} {{ entities.GPE }} {{nope}} {{entities.}}').map((v) => [v.name, v.variable?.kind]),
      [
        ['selection', 'selection'],
        ['entities.GPE', 'entities'],
        ['nope', undefined],
        ['entities.', undefined],
      ],
    );
    assert.equal(templateProblem('{{selection}} and {{document}}'), undefined);
    assert.match(templateProblem('Hi {{name}}') ?? '', /^unknown variable \{\{name\}\}; known: \{\{selection\}\}, \{\{entities\}\}/);
    assert.equal(usesVariable(['a', '{{entities.PERSON}}'], 'entities'), true);
    assert.equal(usesVariable(['{{selection}}'], 'document'), false);
  });
  it('an unknown variable is a validation error naming the source, the scenario and the field', () => {
    const base = { id: 'who2', title: 'Who', preamble: 'P {{tone}}', prompt: '{{selection}}' };
    const result = parseScenarioList(
      [{ ...base, followUps: ['ok', { label: 'Next', prompt: 'Now {{selecton}}' }] }],
      'samsara.probes.scenarios',
    );
    assert.deepEqual(result.scenarios, []);
    assert.deepEqual(result.problems, [
      'samsara.probes.scenarios: [0].preamble (scenario "who2"): unknown variable {{tone}}; known: {{selection}}, {{entities}}, {{entities.LABEL}}, {{document}}, {{file}}, {{entity}}',
      'samsara.probes.scenarios: [0].followUps[1].prompt (scenario "who2"): unknown variable {{selecton}}; known: {{selection}}, {{entities}}, {{entities.LABEL}}, {{document}}, {{file}}, {{entity}}',
    ]);
  });
  it('a first prompt may carry the text as {{document}}, {{entity}} or {{entities}} instead of {{selection}}', () => {
    for (const prompt of ['{{document}}', 'About {{entity}}', '{{entities.ORG}}']) {
      assert.ok(scenarioSchema.safeParse({ id: 'a', title: 'A', preamble: '', prompt }).success, prompt);
    }
    assert.ok(!scenarioSchema.safeParse({ id: 'a', title: 'A', preamble: '', prompt: 'From {{file}} only' }).success);
  });
});

describe('scenario parameters', () => {
  const scenario = scenarioSchema.parse({
    id: 'p',
    title: 'P',
    preamble: '',
    prompt: '{{selection}}',
    followUps: ['plain', { label: 'Second', prompt: 'labelled' }, 'third'],
    temperature: 0.3,
    maxTokens: 200,
    maxTurns: 3,
  });
  it('accepts labelled and plain follow-ups, and cuts the turns at maxTurns', () => {
    assert.deepEqual(scenarioTurns(scenario), [
      { prompt: '{{selection}}', role: 'prompt' },
      { prompt: 'plain', role: 'followUp' },
      { label: 'Second', prompt: 'labelled', role: 'followUp' },
    ]);
  });
  it('checks the ranges of temperature, maxTokens and maxTurns', () => {
    const bad = parseScenarioList([{ ...scenario, temperature: 3, maxTokens: 0, maxTurns: 1.5 }], 's').problems;
    assert.equal(bad.length, 3);
    assert.match(bad[0], /^s: \[0\]\.temperature \(scenario "p"\): /);
    assert.match(bad[1], /^s: \[0\]\.maxTokens \(scenario "p"\): /);
    assert.match(bad[2], /^s: \[0\]\.maxTurns \(scenario "p"\): /);
  });
});
