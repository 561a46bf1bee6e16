// The views that read the entity model: Outline symbols, same-entity highlights, references and
// the Entities view's data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentHighlightKind, SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel, type DocumentEntity } from '../../../../server/src/entities/entityModel';
import { documentEntities } from '../../../../server/src/features/documentEntities';
import { documentHighlights } from '../../../../server/src/features/documentHighlights';
import { documentSymbols, flatSymbols } from '../../../../server/src/features/documentSymbols';
import { LabelExplainer } from '../../../../server/src/entities/labels';
import { references } from '../../../../server/src/features/references';
import { DocumentEntitiesSchema } from '../../../../shared/lsp';

const text = 'Obama met Merkel in Paris.\nLater obama left.\nMerkel stayed in Paris with Obama.';
const doc = TextDocument.create('file:///v.txt', 'plaintext', 4, text);
const spans: [string, string][] = [
  ['PERSON', 'Obama'],
  ['PERSON', 'Merkel'],
  ['GPE', 'Paris'],
  ['PERSON', 'obama'],
  ['PERSON', 'Merkel'],
  ['GPE', 'Paris'],
  ['PERSON', 'Obama'],
];
let from = 0;
const entities: DocumentEntity[] = spans.map(([label, word]) => {
  const start = text.indexOf(word, from);
  from = start + word.length;
  return { label, text: word, start, end: start + word.length };
});
const model = EntityModel.build(doc, entities);
const labels = new LabelExplainer();

describe('document symbols', () => {
  it('group entities by label, each once with its mention count, at its first mention', () => {
    const symbols = documentSymbols(model, labels);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind, s.children?.map((c) => [c.name, c.detail])]),
      [
        [
          'People (PERSON)',
          SymbolKind.Namespace,
          [
            ['Obama', '3 mentions'],
            ['Merkel', '2 mentions'],
          ],
        ],
        ['Places (GPE)', SymbolKind.Namespace, [['Paris', '2 mentions']]],
      ],
    );
    const merkel = symbols[0].children?.[1];
    assert.deepEqual(merkel?.selectionRange, { start: { line: 0, character: 10 }, end: { line: 0, character: 16 } });
    assert.deepEqual(merkel?.range, merkel?.selectionRange);
    assert.deepEqual(
      symbols[0].range,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      'a label at its first mention',
    );
    assert.equal(symbols[1].detail, 'Countries, cities, states');
  });

  it('never span lines between entities: sticky scroll and breadcrumbs keep to the headings', () => {
    const prose = '# Travels\n\nParis in spring.\n\n## Later\n\nBerlin, then Rome.\n';
    const far = TextDocument.create('file:///far.md', 'markdown', 1, prose);
    const found: DocumentEntity[] = ['Paris', 'Berlin', 'Rome'].map((word) => {
      const start = prose.indexOf(word);
      return { label: 'GPE', text: word, start, end: start + word.length };
    });
    const [places] = documentSymbols(EntityModel.build(far, found), labels);
    assert.equal(places.name, 'Places (GPE)');
    // Before: the label spanned lines 2 to 6, so VS Code pinned "Paris in spring." over "## Later".
    assert.deepEqual(places.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
    for (const symbol of [places, ...(places.children ?? [])]) {
      assert.equal(symbol.range.start.line, symbol.range.end.line, `${symbol.name} stays on its line`);
      assert.deepEqual(symbol.range, symbol.selectionRange);
    }
  });

  it('flat, for clients without hierarchical symbols', () => {
    const flat = flatSymbols(model, doc.uri);
    assert.deepEqual(
      flat.map((s) => [s.name, s.containerName, s.location.range.start.line]),
      [
        ['Obama (3 mentions)', 'People (PERSON)', 0],
        ['Merkel (2 mentions)', 'People (PERSON)', 0],
        ['Paris (2 mentions)', 'Places (GPE)', 0],
      ],
    );
  });
});

describe('mentions', () => {
  it('highlights every mention of the entity under the cursor, case folded', () => {
    const highlights = documentHighlights(model, text.indexOf('obama') + 2);
    assert.deepEqual(
      highlights?.map((h) => [h.range.start.line, h.range.start.character, h.kind]),
      [
        [0, 0, DocumentHighlightKind.Text],
        [1, 6, DocumentHighlightKind.Text],
        [2, 28, DocumentHighlightKind.Text],
      ],
    );
    assert.equal(documentHighlights(model, text.indexOf('met')), null);
  });

  it('lists references, the first mention only when declarations are included', () => {
    const offset = text.lastIndexOf('Paris');
    assert.deepEqual(
      references(model, offset, true)?.map((l) => [l.uri, l.range.start.line]),
      [
        [doc.uri, 0],
        [doc.uri, 2],
      ],
    );
    assert.deepEqual(
      references(model, offset, false)?.map((l) => l.range.start.line),
      [2],
    );
  });
});

describe('samsara/documentEntities', () => {
  it('serves the model in the shared schema: labels with explanations, entities most mentioned first', () => {
    const result = DocumentEntitiesSchema.parse(documentEntities(model, labels));
    assert.equal(result.version, 4);
    assert.deepEqual(
      result.labels.map((l) => [l.label, l.explanation, l.entities.map((e) => [e.key, e.text, e.mentions.length])]),
      [
        [
          'PERSON',
          'People, including fictional',
          [
            ['PERSON:obama', 'Obama', 3],
            ['PERSON:merkel', 'Merkel', 2],
          ],
        ],
        ['GPE', 'Countries, cities, states', [['GPE:paris', 'Paris', 2]]],
      ],
    );
  });
});
