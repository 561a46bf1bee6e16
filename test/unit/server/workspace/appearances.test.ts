// The "where it appears" queries on an index: files in reading order (the manuscript's chapters,
// then paths with numbers as numbers), entities per file, and who shares an entity's paragraphs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appearancesByFile, entityPresence, paragraphStarts } from '../../../../server/src/workspace/appearances';
import { parseManuscript, ReadingOrder } from '../../../../server/src/workspace/readingOrder';
import { StoryBible } from '../../../../server/src/entities/storyBible';
import { WorkspaceIndex } from '../../../../server/src/workspace/workspaceIndex';
import { safeNotes } from '../../../../server/src/features/storyBible/bibleHover';

function spans(text: string, names: [string, string][]) {
  let from = 0;
  return names.map(([label, name]) => {
    const start = text.indexOf(name, from);
    from = start + name.length;
    return { label, text: name, start, end: start + name.length };
  });
}

const TEXTS: Record<string, string> = {
  'file:///w/chapter%2010.md': 'Ada met Bob in Paris.\n\nBob left.\n',
  'file:///w/chapter%202.md': 'Ada wrote.\n\nAda and Carol met Bob.\n',
};

function index(): WorkspaceIndex {
  const i = new WorkspaceIndex();
  i.setFromText(
    'file:///w/chapter%2010.md',
    'k1',
    TEXTS['file:///w/chapter%2010.md'],
    spans(TEXTS['file:///w/chapter%2010.md'], [
      ['PERSON', 'Ada'],
      ['PERSON', 'Bob'],
      ['GPE', 'Paris'],
      ['PERSON', 'Bob'],
    ]),
  );
  i.setFromText(
    'file:///w/chapter%202.md',
    'k2',
    TEXTS['file:///w/chapter%202.md'],
    spans(TEXTS['file:///w/chapter%202.md'], [
      ['PERSON', 'Ada'],
      ['PERSON', 'Ada'],
      ['PERSON', 'Carol'],
      ['PERSON', 'Bob'],
    ]),
  );
  return i;
}

const sources = (order = new ReadingOrder()) => ({
  index: index(),
  order,
  bible: StoryBible.EMPTY,
  visible: (label: string) => label !== 'CARDINAL',
  fileName: (uri: string) => decodeURIComponent(uri.slice('file:///w/'.length)),
});

describe('where names appear', () => {
  it('lists files by path with numbers as numbers, or in the manuscript order', () => {
    assert.deepEqual(
      appearancesByFile(sources()).map((f) => f.name),
      ['chapter 2.md', 'chapter 10.md'],
    );
    const manuscript = parseManuscript('chapters:\n  - chapter 10.md\n');
    assert.ok('chapters' in manuscript);
    const order = new ReadingOrder(new Map([['file:///w', manuscript.chapters]]));
    const files = appearancesByFile(sources(order), ['PERSON']);
    assert.deepEqual(
      files.map((f) => [f.name, f.entities.map((e) => `${e.name} ${e.count}`)]),
      [
        ['chapter 10.md', ['Bob 2', 'Ada 1']],
        ['chapter 2.md', ['Ada 2', 'Bob 1', 'Carol 1']],
      ],
    );
  });

  it('reports an unusable manuscript file', () => {
    assert.match(String((parseManuscript('chapters: 3') as { problem: string }).problem), /list of chapter paths/);
    assert.match(String((parseManuscript('a: [') as { problem: string }).problem), /not valid YAML/);
  });

  it("finds who shares an entity's paragraphs", async () => {
    const presence = await entityPresence(sources(), 'PERSON:carol', async (uri) => TEXTS[uri]);
    assert.deepEqual(
      presence?.files.map((f) => [f.name, f.count]),
      [['chapter 2.md', 1]],
    );
    assert.deepEqual(
      presence?.together.map((t) => [t.name, t.paragraphs]),
      [
        ['Ada', 1],
        ['Bob', 1],
      ],
    );
    assert.deepEqual(paragraphStarts('a\n\nb\r\n\r\n\nc'), [0, 3, 9]);
  });

  it('writes the notes of the story bible so they load and run nothing', () => {
    assert.equal(
      safeNotes('See ![map](https://x.example/m.png), [run](command:evil), [web](https://ok.example) <img src=x>'),
      'See map, run, [web](https://ok.example) &lt;img src=x>',
    );
  });
});
