// A person's surname or first name alone counts as a mention of the full name, when only one full
// name of the document fits it: in the model's index, so hover counts, highlights, references,
// the Outline and the Entities view all agree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MarkupKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel, type DocumentEntity } from '../../../../server/src/entities/entityModel';
import { nameParts, personAliases } from '../../../../server/src/entities/personNames';
import { documentEntities } from '../../../../server/src/features/documentEntities';
import { documentHighlights } from '../../../../server/src/features/documentHighlights';
import { documentSymbols } from '../../../../server/src/features/documentSymbols';
import { hoverFor } from '../../../../server/src/features/hover';
import { LabelExplainer } from '../../../../server/src/entities/labels';
import { references } from '../../../../server/src/features/references';

/** The model of `text` whose entities are the given [label, word] spans, found in order. */
function modelOf(text: string, spans: [string, string][]): EntityModel {
  const document = TextDocument.create('file:///names.md', 'markdown', 1, text);
  let from = 0;
  const entities: DocumentEntity[] = spans.map(([label, word]) => {
    const start = text.indexOf(word, from);
    assert.ok(start >= 0, `"${word}" is in the text after ${from}`);
    from = start + word.length;
    return { label, text: word, start, end: start + word.length };
  });
  return EntityModel.build(document, entities);
}

describe('personAliases', () => {
  it('maps a surname and a first name to the one full name they belong to', () => {
    const aliases = personAliases(['claude shannon', 'shannon', 'claude']);
    assert.equal(aliases.get('shannon'), 'claude shannon');
    assert.equal(aliases.get('claude'), 'claude shannon');
    assert.equal(aliases.has('claude shannon'), false, 'the full name is its own');
  });

  it('leaves a name two full names share on its own', () => {
    const aliases = personAliases(['claude shannon', 'betty shannon', 'shannon', 'claude']);
    assert.equal(aliases.has('shannon'), false, '"Shannon" could be Claude or Betty');
    assert.equal(aliases.get('claude'), 'claude shannon', '"Claude" is still only Claude Shannon');
  });

  it('counts a first name shared with another person’s surname as ambiguous', () => {
    assert.equal(personAliases(['grace hopper', 'kelly grace', 'grace']).has('grace'), false);
  });

  it('does not fold a word from the middle of a name, nor a single name without a full one', () => {
    const aliases = personAliases(['john ronald reuel tolkien', 'ronald', 'tolkien', 'ada']);
    assert.equal(aliases.has('ronald'), false);
    assert.equal(aliases.get('tolkien'), 'john ronald reuel tolkien');
    assert.equal(aliases.has('ada'), false);
  });

  it('sets a title aside', () => {
    assert.deepEqual(nameParts('dr. claude shannon'), ['claude', 'shannon']);
    assert.deepEqual(nameParts('mr'), ['mr'], 'a lone title is a name of its own');
    const aliases = personAliases(['claude shannon', 'dr. shannon', 'dr. claude shannon']);
    assert.equal(aliases.get('dr. shannon'), 'claude shannon');
    assert.equal(aliases.get('dr. claude shannon'), 'claude shannon');
  });
});

describe('the entity model groups a person’s short names with the full name', () => {
  const text = [
    'Claude Shannon wrote the paper at Bell Labs.',
    'Shannon was 32. Later Shannon juggled, and Dr. Shannon rode a unicycle.',
    'Claude never stopped tinkering. Shannon’s mouse Theseus ran in Washington.',
  ].join('\n');
  const model = modelOf(text, [
    ['PERSON', 'Claude Shannon'],
    ['ORG', 'Bell Labs'],
    ['PERSON', 'Shannon'],
    ['PERSON', 'Shannon'],
    ['PERSON', 'Dr. Shannon'],
    ['PERSON', 'Claude'],
    ['PERSON', 'Shannon’s'],
    ['PERSON', 'Theseus'],
    ['GPE', 'Washington'],
  ]);
  const labels = new LabelExplainer();
  const at = (word: string, from = 0): number => text.indexOf(word, from) + 1;

  it('counts every short form in the hover, naming the full name', () => {
    const hover = hoverFor(model, at('Shannon was'), labels, MarkupKind.PlainText);
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /Mentioned 6 times in this document \(counting "Claude Shannon" and its short forms\)\./);
    const full = hoverFor(model, at('Claude Shannon'), labels, MarkupKind.PlainText);
    assert.match(JSON.stringify(full?.contents), /Mentioned 6 times/, 'the full name counts its short forms too');
  });

  it('highlights and references every mention from any of them', () => {
    const expected = ['Claude Shannon', 'Shannon', 'Shannon', 'Dr. Shannon', 'Claude', 'Shannon’s'];
    const highlighted = documentHighlights(model, at('Claude never')) ?? [];
    assert.deepEqual(
      highlighted.map((h) => h.range.start.line),
      [0, 1, 1, 1, 2, 2],
    );
    const found = references(model, at('Dr. Shannon'), true) ?? [];
    assert.equal(found.length, expected.length);
    assert.deepEqual(
      model.mentionsOf(model.at(at('Shannon’s'))!).map((m) => m.text),
      expected,
    );
  });

  it('lists the person once, by the full name, in the Outline and the Entities view', () => {
    const people = documentSymbols(model, labels).find((s) => s.name === 'People (PERSON)');
    assert.deepEqual(
      people?.children?.map((c) => [c.name, c.detail]),
      [
        ['Claude Shannon', '6 mentions'],
        ['Theseus', '1 mention'],
      ],
    );
    const view = documentEntities(model, labels).labels.find((l) => l.label === 'PERSON');
    assert.deepEqual(
      view?.entities.map((e) => [e.text, e.mentions.length]),
      [
        ['Claude Shannon', 6],
        ['Theseus', 1],
      ],
    );
  });

  it('keeps other labels by their exact text: a place is not a person', () => {
    assert.equal(model.mentionsOf(model.at(at('Washington'))!).length, 1);
    assert.equal(model.fullNameOf(model.at(at('Washington'))!), undefined);
  });

  it('leaves a shared surname apart, in every view', () => {
    const shared = modelOf('Claude Shannon met Betty Shannon. Shannon smiled.', [
      ['PERSON', 'Claude Shannon'],
      ['PERSON', 'Betty Shannon'],
      ['PERSON', 'Shannon'],
    ]);
    const lone = shared.at('Claude Shannon met Betty Shannon. Shannon'.length - 2)!;
    assert.equal(lone.text, 'Shannon');
    assert.equal(shared.mentionsOf(lone).length, 1);
    assert.deepEqual(
      shared.groups[0].entities.map((e) => e.text),
      ['Claude Shannon', 'Betty Shannon', 'Shannon'],
    );
  });
});
