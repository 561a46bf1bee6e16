import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  entityCodeActions,
  MAX_SENTENCE_CHARS,
  sentenceAround,
  withProbeEntityLink,
} from '../../../../server/src/probes/probeEntityAction';

function around(text: string, needle: string): string {
  const start = text.indexOf(needle);
  return sentenceAround(text, start, start + needle.length);
}

describe('the sentence of an entity', () => {
  it('is bounded by sentence ends, blank lines, headings and list items', () => {
    assert.equal(around('First one. Ada Lovelace wrote "notes." Then more.', 'Ada'), 'Ada Lovelace wrote "notes."');
    assert.equal(around('# Ada Lovelace\nShe wrote programs.', 'Ada'), 'Ada Lovelace');
    assert.equal(around('Intro line\n\n- Babbage built it\n- Ada wrote for it', 'Ada'), 'Ada wrote for it');
    assert.equal(around('Dr. Who met Ada in London.', 'London'), 'Who met Ada in London.');
    assert.equal(around('Ada', 'Ada'), 'Ada');
  });
  it('is cut around the entity when a "sentence" runs on', () => {
    const text = `${'word '.repeat(1000)}Ada Lovelace ${'word '.repeat(1000)}`;
    const s = around(text, 'Ada Lovelace');
    assert.ok(s.length <= MAX_SENTENCE_CHARS && s.includes('Ada Lovelace'));
  });
});

describe('hover link and code action', () => {
  const doc = TextDocument.create('file:///a.md', 'markdown', 1, 'Hello. Ada met Charles Babbage. Bye.');
  const ada = { text: 'Ada', label: 'PERSON', start: 7, end: 10 };
  const babbage = { text: 'Charles Babbage', label: 'PERSON', start: 15, end: 30 };
  it('adds a command link to a Markdown hover, leaving other hovers alone', () => {
    const hover = withProbeEntityLink({ contents: { kind: 'markdown', value: '**Ada**' } }, doc, ada);
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /^\*\*Ada\*\*\n\n\[Probe this entity…\]\(command:samsara\.probeEntity\?/);
    const args = JSON.parse(decodeURIComponent(/\?([^ )]+)/.exec(value)?.[1] ?? '')) as unknown;
    assert.deepEqual(args, [
      {
        uri: 'file:///a.md',
        entity: { text: 'Ada', label: 'PERSON' },
        sentence: 'Ada met Charles Babbage.',
        // The line of the mention, recorded in the transcript.
        lines: { start: 1, end: 1 },
      },
    ]);
    assert.equal(withProbeEntityLink(null, doc, ada), null);
    assert.deepEqual(withProbeEntityLink({ contents: 'plain' }, doc, ada), { contents: 'plain' });
  });
  it('offers one action per entity the range touches', () => {
    const range = { start: doc.positionAt(8), end: doc.positionAt(20) };
    assert.deepEqual(
      entityCodeActions(doc, [ada, babbage], range).map((a) => a.title),
      ['Probe "Ada" (PERSON)…', 'Probe "Charles Babbage" (PERSON)…'],
    );
    assert.deepEqual(entityCodeActions(doc, [ada, babbage], { start: doc.positionAt(0), end: doc.positionAt(2) }), []);
  });
});
