import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRulesFile } from '../../../../server/src/entityRules/rulesFile';
import { mergeRules } from '../../../../server/src/entityRules/protocolRules';

const FILE = `# names of the book
known:
  - text: Difference Engine
    label: PRODUCT
  - text: Frodo
    lable: PERSON
  - { text: frodo baggins, label: PERSON, caseInsensitive: true }
  - pattern: [{ LOWER: gandalf }, { IS_TITLE: true }]
    label: ""
  - pattern: [{ LOWER: gandalf }, { LOWER: the }, { IS_TITLE: true }]
    label: WIZARD
ignore:
  texts: [Moon, 1984, ""]
  labels: [CARDINAL]
colour: red
`;

describe('entity rules file', () => {
  it('keeps the valid entries and reports each bad one with its field path and line', () => {
    const content = parseRulesFile(FILE);
    assert.equal(content.readable, true);
    assert.deepEqual(
      content.known.map((k) => [k.index, k.value.label, k.range.start.line]),
      [
        [0, 'PRODUCT', 2],
        [2, 'PERSON', 6],
        [4, 'WIZARD', 9],
      ],
    );
    assert.deepEqual(
      content.ignoreTexts.map((t) => t.value),
      ['Moon', '1984'],
    );
    assert.deepEqual(
      content.ignoreLabels.map((t) => t.value),
      ['CARDINAL'],
    );
    const problems = content.problems.map((p) => `${p.severity} ${p.path} @${p.range.start.line + 1}: ${p.message}`);
    assert.deepEqual(problems.sort(), [
      'error ignore.texts[2] @13: must hold a non-space character',
      'error known[1].label @5: is missing',
      'error known[1].lable @6: unknown field (an entry has id, text, label, caseInsensitive, language, aliases, notes)',
      'error known[3].label @9: must hold a non-space character',
      'warning colour @15: unknown key (expected known, ignore)',
    ]);
  });

  it('reports a file that is not YAML at the line of the error, with nothing usable', () => {
    const content = parseRulesFile('known:\n  - text: A\n    label: [B\n');
    assert.equal(content.readable, false);
    assert.equal(content.known.length, 0);
    assert.equal(content.problems.length > 0, true);
    assert.match(content.problems[0].message, /^not valid YAML\/JSON/);
  });

  it('reads JSON with the same rules', () => {
    const content = parseRulesFile(
      '{\n  "known": [\n    {"text": "Ada", "label": "PERSON", "caseInsensitive": true},\n    {"text": 3}\n  ]\n}\n',
    );
    assert.deepEqual(content.known[0].value, { text: 'Ada', label: 'PERSON', caseInsensitive: true });
    assert.deepEqual(
      content.problems.map((p) => [p.path, p.range.start.line]),
      [
        ['known[1].text', 3],
        ['known[1].label', 3],
      ],
    );
  });

  it('an empty file, or one of comments only, holds no rules and no problems', () => {
    for (const text of ['', '# nothing yet\n']) assert.deepEqual(parseRulesFile(text).problems, []);
  });
});

describe('merging rules files into the sidecar request', () => {
  const source = (uri: string, text: string, scope: 'workspace' | 'user' = 'workspace') => ({ uri, scope, content: parseRulesFile(text) });

  it('maps camelCase to the protocol, workspace files first, and remembers where each entry came from', () => {
    const merged = mergeRules([
      source('file:///ws/.samsara/entities.yaml', FILE),
      source(
        'file:///home/me/entities.yaml',
        'known:\n  - {text: Difference Engine, label: ORG}\n  - {text: Bree, label: GPE}\nignore: {texts: [moon, Sun]}\n',
        'user',
      ),
    ]);
    assert.deepEqual(merged.rules.known, [
      { label: 'PRODUCT', text: 'Difference Engine' },
      { label: 'PERSON', text: 'frodo baggins', case_insensitive: true },
      { label: 'WIZARD', pattern: [{ LOWER: 'gandalf' }, { LOWER: 'the' }, { IS_TITLE: true }] },
      { label: 'GPE', text: 'Bree' },
    ]);
    assert.deepEqual(merged.rules.ignore, { texts: ['Moon', '1984', 'Sun'], labels: ['CARDINAL'] });
    assert.deepEqual(
      merged.origins.map((o) => [o.uri.split('/')[3], o.index]),
      [
        ['ws', 0],
        ['ws', 2],
        ['ws', 4],
        ['home', 1],
      ],
    );
  });

  it('points at an entry written twice in one file; the first applies', () => {
    const merged = mergeRules([source('file:///a.yaml', 'known:\n  - {text: Ada, label: PERSON}\n  - {text: Ada, label: ORG}\n')]);
    assert.deepEqual(merged.rules.known, [{ label: 'PERSON', text: 'Ada' }]);
    assert.equal(merged.problems.length, 1);
    assert.equal(merged.problems[0].problem.path, 'known[1]');
    assert.match(merged.problems[0].problem.message, /line 2, which applies/);
  });
});
