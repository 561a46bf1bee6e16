import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appearancesToCsv, fileNodes, parseAppearances, parsePresence, presenceNodes } from '../../../../client/src/views/appearancesModel';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 4 } });
const ANSWER = {
  files: [
    {
      uri: 'file:///w/two.md',
      name: 'two.md',
      entities: [{ key: 'PERSON:emma woodhouse', name: 'Emma Woodhouse', label: 'PERSON', count: 2, first: range(0) }],
    },
    {
      uri: 'file:///w/one.md',
      name: 'one.md',
      entities: [{ key: 'GPE:london', name: '=London', label: 'GPE', count: 1, first: range(3) }],
    },
  ],
};

describe('the Where Names Appear view', () => {
  it('lists files in the order given, each with its names and a jump to the first mention', () => {
    const parsed = parseAppearances(ANSWER);
    assert.ok(!('error' in parsed));
    const nodes = fileNodes(parsed);
    assert.deepEqual(
      nodes.map((n) => n.label),
      ['two.md', 'one.md'],
    );
    const first = nodes[0].kind === 'file' ? nodes[0].children[0] : undefined;
    assert.equal(first?.kind === 'entity' && first.description, 'PERSON · 2 mentions');
    assert.deepEqual(first?.kind === 'entity' && first.goTo, { uri: 'file:///w/two.md', range: range(0) });
    assert.equal(
      appearancesToCsv(parsed),
      "file,entity,label,mentions,first_line\r\ntwo.md,Emma Woodhouse,PERSON,2,1\r\none.md,'=London,GPE,1,4\r\n",
    );
  });

  it("shows one entity's files and companions, and refuses a malformed answer", () => {
    const presence = parsePresence({
      key: 'PERSON:emma',
      name: 'Emma',
      label: 'PERSON',
      files: [{ uri: 'file:///w/one.md', name: 'one.md', count: 3, first: range(1) }],
      together: [{ key: 'PERSON:harriet', name: 'Harriet', label: 'PERSON', paragraphs: 2 }],
    });
    assert.ok(presence && !('error' in presence));
    assert.deepEqual(
      presenceNodes(presence).map((n) => n.label),
      ['Appears in 1 file', 'Shares paragraphs with 1 name'],
    );
    assert.ok('error' in (parseAppearances({ files: 'nope' }) as object));
    assert.equal(parsePresence(null), null);
  });
});
