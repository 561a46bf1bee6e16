// Code actions edit the rules file: what they mean for its content, and that the text keeps its
// comments, order and layout except where the change lands.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { editRulesText, NEW_RULES_FILE_HEADER } from '../../../../server/src/entityRules/rulesEdit';
import { textEdits } from '../../../../server/src/entityRules/textEdits';

const FILE = `# Names Samsara should know
known:
  # the machine
  - text: Difference Engine   # not a company
    label: ORG
  - pattern: [{LOWER: "frodo"}, {LOWER: "baggins"}]
    label: PERSON

ignore:
  texts: [Moon, "Sun"]   # sky
  labels:
    - CARDINAL
# end
`;

/** `text` with `lines` (1-based, inclusive) replaced by `by`. */
function replaceLines(text: string, from: number, to: number, by: string[]): string {
  const lines = text.split('\n');
  lines.splice(from - 1, to - from + 1, ...by);
  return lines.join('\n');
}

describe('editing the rules file for a code action', () => {
  it('relabels an existing entry in place: one value changes, comments and order stay', () => {
    const after = editRulesText(FILE, 'yaml', { kind: 'label', text: 'Difference Engine', label: 'PRODUCT' });
    assert.equal(after, FILE.replace('label: ORG', 'label: PRODUCT'));
  });

  it('adds a new name after the last entry, in the list’s own indentation', () => {
    const after = editRulesText(FILE, 'yaml', { kind: 'label', text: 'Qwixel Brandywort', label: 'PERSON' });
    assert.equal(after, replaceLines(FILE, 7, 7, ['    label: PERSON', '  - text: Qwixel Brandywort', '    label: PERSON']));
  });

  it('labelling an ignored text takes it off the ignore list', () => {
    const after = editRulesText(FILE, 'yaml', { kind: 'label', text: 'moon', label: 'LOC' }) ?? '';
    assert.match(after, /texts: \["Sun"\] {3}# sky/);
    assert.deepEqual((parseDocument(after).toJS() as { known: unknown[] }).known.at(-1), { text: 'moon', label: 'LOC' });
  });

  it('ignoring a known name adds it to the ignore list and removes its entry', () => {
    const after = editRulesText(FILE, 'yaml', { kind: 'ignore', text: 'Difference  Engine' }) ?? '';
    const expected = replaceLines(FILE, 4, 5, []).replace('texts: [Moon, "Sun"]', 'texts: [Moon, "Sun", Difference Engine]');
    assert.equal(after, expected);
    assert.deepEqual(
      textEdits(FILE, after).map((e) => [e.range.start.line, e.range.end.line]),
      [
        [3, 5],
        [9, 10],
      ],
      'two small edits, not a rewrite of the file',
    );
  });

  it('answers nothing to change when the file already says it', () => {
    assert.equal(editRulesText(FILE, 'yaml', { kind: 'ignore', text: 'MOON' }), undefined);
    assert.equal(editRulesText(FILE, 'yaml', { kind: 'label', text: 'Difference Engine', label: 'ORG' }), undefined);
  });

  it('creates the file with a header when there is none', () => {
    const created = editRulesText(undefined, 'yaml', { kind: 'label', text: 'Difference Engine', label: 'PRODUCT' });
    assert.equal(created, `${NEW_RULES_FILE_HEADER}known:\n  - text: Difference Engine\n    label: PRODUCT\n`);
  });

  it('keeps a list with no indentation under its key as it is, and empties a list whose only item goes', () => {
    const after = editRulesText('known:\n- text: A\n  label: B\n', 'yaml', { kind: 'label', text: 'C', label: 'D' });
    assert.equal(after, 'known:\n- text: A\n  label: B\n- text: C\n  label: D\n');
    assert.equal(
      editRulesText('ignore:\n  texts:\n    - Moon\n', 'yaml', { kind: 'label', text: 'Moon', label: 'LOC' }),
      'ignore:\n  texts: []\nknown:\n  - text: Moon\n    label: LOC\n',
    );
  });

  it('quotes what YAML would read as something else', () => {
    const after = editRulesText('known: []\n', 'yaml', { kind: 'label', text: 'true', label: 'X' }) ?? '';
    assert.deepEqual(parseDocument(after).toJS(), { known: [{ text: 'true', label: 'X' }] });
    const colon = editRulesText(FILE, 'yaml', { kind: 'ignore', text: 'Note: #1' }) ?? '';
    assert.deepEqual((parseDocument(colon).toJS() as { ignore: { texts: string[] } }).ignore.texts, ['Moon', 'Sun', 'Note: #1']);
  });

  it('edits JSON files as JSON', () => {
    const after = editRulesText('{\n  "known": []\n}\n', 'json', { kind: 'label', text: 'Ada', label: 'PERSON' }) ?? '';
    assert.deepEqual(JSON.parse(after), { known: [{ text: 'Ada', label: 'PERSON' }] });
    assert.deepEqual(JSON.parse(editRulesText(undefined, 'json', { kind: 'ignore', text: 'Moon' }) ?? ''), { ignore: { texts: ['Moon'] } });
  });
});
