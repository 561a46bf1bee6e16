// The story bible in the rules file: entries with id, aliases and notes are validated, their
// aliases become known names for the sidecar pointing back at the entry, names two entries claim
// are reported, and "Add "X" to the story bible" writes an entry (or gives an existing one the aliases).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { mergeRules } from '../../../../server/src/entityRules/protocolRules';
import { editRulesText } from '../../../../server/src/entityRules/rulesEdit';
import { parseRulesFile } from '../../../../server/src/entityRules/rulesFile';

const uri = 'file:///w/.samsara/entities.yaml';
const merged = (text: string) => mergeRules([{ uri, scope: 'workspace', content: parseRulesFile(text) }]);

describe('story bible entries in the rules file', () => {
  it('sends every alias as a known name with the entry label, and keeps the entry', () => {
    const result = merged(`known:
  - id: emma
    text: Emma Woodhouse
    label: PERSON
    caseInsensitive: true
    aliases: [Emma, { text: Miss Woodhouse, caseInsensitive: false }]
    notes: Handsome, clever and rich.
`);
    assert.deepEqual(result.rules.known, [
      { label: 'PERSON', text: 'Emma Woodhouse', case_insensitive: true },
      { label: 'PERSON', text: 'Emma', case_insensitive: true },
      { label: 'PERSON', text: 'Miss Woodhouse', case_insensitive: false },
    ]);
    assert.deepEqual(
      result.origins.map((o) => o.index),
      [0, 0, 0],
      "an alias's problems land on its entry",
    );
    const entry = result.bible.byId('emma');
    assert.equal(entry?.name, 'Emma Woodhouse');
    assert.deepEqual(entry?.aliases, ['Emma', 'Miss Woodhouse']);
    assert.equal(entry?.notes, 'Handsome, clever and rich.');
    assert.deepEqual(result.problems, []);
  });

  it('reports bad fields with their path, and a name two entries claim', () => {
    const content = parseRulesFile(`known:
  - { id: "bad id!", text: A, label: PERSON }
  - { text: B, label: PERSON, aliases: [""] }
  - { text: Mr Knightley, label: PERSON, aliases: [Knightley] }
  - { text: John Knightley, label: PERSON, aliases: [Knightley] }
`);
    const paths = content.problems.map((p) => p.path);
    assert.ok(paths.includes('known[0].id'), paths.join(', '));
    assert.ok(paths.includes('known[1].aliases[0]'), paths.join(', '));
    const result = mergeRules([{ uri, scope: 'workspace', content }]);
    assert.equal(result.problems.length, 2, 'one warning at each entry claiming "Knightley"');
    assert.match(result.problems[0].problem.message, /alias of "Mr Knightley" and "John Knightley": its mentions are counted for neither/);
  });

  it('adds an entry with the aliases found, or gives an existing entry the missing ones', () => {
    const fresh = editRulesText('known: []\n', 'yaml', {
      kind: 'bible',
      text: 'Emma Woodhouse',
      label: 'PERSON',
      aliases: ['Emma', 'Emma Woodhouse'],
    });
    assert.deepEqual(parseDocument(fresh ?? '').toJS(), {
      known: [{ text: 'Emma Woodhouse', label: 'PERSON', aliases: ['Emma'], notes: '' }],
    });
    const existing = editRulesText('known:\n  - text: Emma Woodhouse # heroine\n    label: PERSON\n    aliases: [Emma]\n', 'yaml', {
      kind: 'bible',
      text: 'Emma Woodhouse',
      label: 'PERSON',
      aliases: ['Emma', 'Miss Woodhouse'],
    });
    assert.match(existing ?? '', /# heroine/);
    assert.deepEqual(parseDocument(existing ?? '').toJS().known[0].aliases, ['Emma', 'Miss Woodhouse']);
  });
});
