// The semantic tokens feature over a fake analyzer: result ids and deltas, ranges before the
// model, and when the client is asked to refresh.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LSPErrorCodes, ResponseError, type SemanticTokensDelta } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { entityLegend } from '../../../../shared/entityTokens';
import { EntityModel, type DocumentEntity } from '../../../../server/src/entities/entityModel';
import { SemanticTokensFeature } from '../../../../server/src/features/semanticTokens';
import { LegendIndex } from '../../../../server/src/features/tokenLegend';
import { applyEdits, decodeTokens } from '../../../helpers/semanticTokens';

const URI = 'file:///t.txt';

function harness() {
  const docs = new Map<string, TextDocument>();
  let model: EntityModel | undefined;
  const waiting: ((m: EntityModel | undefined) => void)[] = [];
  let rangeEntities: { version: number; entities: DocumentEntity[] } | undefined;
  let refreshes = 0;
  const legend = new LegendIndex(entityLegend());
  const feature = new SemanticTokensFeature({
    analyzer: {
      modelFor: (uri) =>
        model && model.version === docs.get(uri)?.version ? Promise.resolve(model) : new Promise((resolve) => waiting.push(resolve)),
      entitiesIn: async () => rangeEntities,
      currentModel: (uri) => (model && model.version === docs.get(uri)?.version ? model : undefined),
    },
    documents: { get: (uri) => docs.get(uri) },
    legend: () => legend,
    canRefresh: () => true,
    refresh: () => {
      refreshes += 1;
    },
  });
  const setText = (version: number, text: string, words: [string, string][]): DocumentEntity[] => {
    const document = TextDocument.create(URI, 'plaintext', version, text);
    docs.set(URI, document);
    return words.map(([label, word]) => {
      const start = text.indexOf(word);
      return { label, text: word, start, end: start + word.length };
    });
  };
  const setModel = (entities: DocumentEntity[]): EntityModel => {
    const document = docs.get(URI);
    assert.ok(document);
    model = EntityModel.build(document, entities);
    for (const resolve of waiting.splice(0)) resolve(model);
    return model;
  };
  return {
    feature,
    legend,
    setText,
    setModel,
    setRange: (r: typeof rangeEntities) => (rangeEntities = r),
    refreshes: () => refreshes,
    document: () => docs.get(URI) as TextDocument,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SemanticTokensFeature', () => {
  it('answers a delta as edits from the previous result, and whole data for an unknown result id', async () => {
    const h = harness();
    h.setModel(
      h.setText(1, 'Ada met Bob in Paris.\n\nLater Ada left.', [
        ['PERSON', 'Ada'],
        ['PERSON', 'Bob'],
        ['GPE', 'Paris'],
      ]),
    );
    const full = await h.feature.full(URI);
    assert.deepEqual(
      decodeTokens(full.data, h.legend.legend).map((t) => t.type),
      ['person', 'person', 'gpe'],
    );
    h.setModel(
      h.setText(2, 'Ada met Bob in Rome and Paris.\n\nLater Ada left.', [
        ['PERSON', 'Ada'],
        ['PERSON', 'Bob'],
        ['GPE', 'Rome'],
        ['GPE', 'Paris'],
      ]),
    );
    const delta = (await h.feature.delta(URI, full.resultId as string)) as SemanticTokensDelta;
    assert.ok(delta.edits, 'an edit, not whole data');
    assert.equal(delta.edits.length, 1);
    assert.ok((delta.edits[0].data?.length ?? 0) <= 10, 'only the tokens around the change');
    const rebuilt = applyEdits(full.data, delta.edits);
    assert.deepEqual(
      decodeTokens(rebuilt, h.legend.legend).map((t) => t.character),
      [0, 8, 15, 24],
    );
    const stale = await h.feature.delta(URI, 'no-such-id');
    assert.ok('data' in stale && stale.data.length === 20, 'whole data when the previous result is unknown');
    assert.deepEqual(h.feature.stats, { full: 1, deltas: 1, deltaFallbacks: 1, ranges: 0, refreshes: 0 });
  });

  it('waits for the model of the current version', async () => {
    const h = harness();
    const entities = h.setText(1, 'Ada', [['PERSON', 'Ada']]);
    const pending = h.feature.full(URI);
    await settle();
    h.setModel(entities);
    assert.equal((await pending).data.length, 5);
  });

  it('asks the client to refresh when a model of a version it holds tokens for changes them', async () => {
    const h = harness();
    const entities = h.setText(1, 'Ada and Bob', [
      ['PERSON', 'Ada'],
      ['PERSON', 'Bob'],
    ]);
    h.feature.modelChanged(h.setModel(entities));
    await h.feature.full(URI);
    h.feature.modelChanged(h.setModel(entities));
    await settle();
    assert.equal(h.refreshes(), 0, 'same tokens: nothing to refresh');
    h.feature.modelChanged(h.setModel(entities.slice(0, 1)));
    h.feature.modelChanged(h.setModel(entities.slice(1)));
    await settle();
    assert.equal(h.refreshes(), 1, 'one refresh for changes in a row');
  });

  it('answers a range from part of the analysis, and refreshes once the model is there if nobody asked for it', async () => {
    const h = harness();
    const entities = h.setText(1, 'Ada and Bob', [
      ['PERSON', 'Ada'],
      ['PERSON', 'Bob'],
    ]);
    h.setRange({ version: 1, entities: entities.slice(0, 1) });
    const range = await h.feature.range(h.document(), 0, 3);
    assert.equal(range.data.length, 5);
    h.feature.modelChanged(h.setModel(entities));
    await settle();
    assert.equal(h.refreshes(), 1);
  });

  it('does not refresh after a partial range when a full request is waiting for the model', async () => {
    const h = harness();
    const entities = h.setText(1, 'Ada and Bob', [
      ['PERSON', 'Ada'],
      ['PERSON', 'Bob'],
    ]);
    h.setRange({ version: 1, entities: entities.slice(0, 1) });
    await h.feature.range(h.document(), 0, 3);
    const full = h.feature.full(URI);
    await settle();
    h.feature.modelChanged(h.setModel(entities));
    assert.equal((await full).data.length, 10);
    await settle();
    assert.equal(h.refreshes(), 0);
  });

  it('a range of a version the document has left is ContentModified', async () => {
    const h = harness();
    h.setText(2, 'Ada', [['PERSON', 'Ada']]);
    h.setRange({ version: 1, entities: [] });
    await assert.rejects(
      h.feature.range(h.document(), 0, 3),
      (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified,
    );
  });

  it('refreshes when a document that showed tokens stops being analysed', async () => {
    const h = harness();
    h.setModel(h.setText(1, 'Ada', [['PERSON', 'Ada']]));
    await h.feature.full(URI);
    h.feature.cleared(URI, true);
    await settle();
    assert.equal(h.refreshes(), 1);
  });
});
