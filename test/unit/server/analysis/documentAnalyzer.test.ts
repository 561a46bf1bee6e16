import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../../../server/src/analysis/analysisCache';
import type { EntityModel } from '../../../../server/src/entities/entityModel';
import { earlyScreenCut } from '../../../../server/src/analysis/priorities';
import { DocumentAnalyzer } from '../../../../server/src/analysis/documentAnalyzer';
import { silentLogger } from '../../../../server/src/logger';
import type { Entity } from '../../../../server/src/protocol/sidecar';
import { defaultSettings, type SamsaraSettings } from '../../../../server/src/settings/settings';

function setup(settings: Partial<SamsaraSettings> = {}, options: { gated?: boolean; fail?: () => boolean } = {}) {
  const docs = new Map<string, TextDocument>();
  const published: EntityModel[] = [];
  const cleared: string[] = [];
  const notes: string[] = [];
  const gates: (() => void)[] = [];
  const sent: string[][] = [];
  // Words in capitals are entities (a word in upper case is a CARDINAL); each request waits until
  // the test opens its gate, unless the setup is not gated.
  const cache = new AnalysisCache(async (texts) => {
    sent.push(texts);
    if (options.gated !== false) await new Promise<void>((resolve) => gates.push(resolve));
    if (options.fail?.()) throw new Error('sidecar gone');
    return texts.map((text): Entity[] =>
      [...text.matchAll(/[A-Z]\w+/g)].map((m) => ({
        label: /^[A-Z]+$/.test(m[0]) ? 'CARDINAL' : 'X',
        text: m[0],
        start: m.index,
        end: m.index + m[0].length,
      })),
    );
  });
  const analyzer = new DocumentAnalyzer({
    getDocument: (uri) => docs.get(uri),
    // Read at every call, so a test can change settings between runs.
    settingsFor: async () => ({ ...defaultSettings(), ...settings }),
    cache,
    publish: (model) => published.push(model),
    clear: (uri) => cleared.push(uri),
    notify: (m) => notes.push(m),
    log: silentLogger,
  });
  const openAll = async (): Promise<void> => {
    for (;;) {
      await flush();
      const gate = gates.shift();
      if (!gate) return;
      gate();
    }
  };
  return { docs, published, cleared, notes, gates, sent, analyzer, cache, openAll };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('DocumentAnalyzer', () => {
  it('publishes entities with document offsets, and drops a result for a stale version', async () => {
    const { docs, published, gates, analyzer, cache } = setup();
    // Markdown: each paragraph a unit on its own (plain text reads its neighbours as context).
    docs.set('u', TextDocument.create('u', 'markdown', 1, 'hello Ada\n\nand Bob'));
    const first = analyzer.analyze('u');
    await flush();
    docs.set('u', TextDocument.create('u', 'markdown', 2, 'hello Ada\n\nand Cyd'));
    const second = analyzer.analyze('u');
    await flush();
    while (gates.length) {
      gates.shift()?.();
      await flush();
    }
    await Promise.all([first, second]);
    assert.equal(published.length, 1);
    assert.equal(published[0].version, 2);
    assert.deepEqual(
      published[0].entities.map((e) => [e.text, e.start]),
      [
        ['Ada', 6],
        ['Cyd', 15],
      ],
    );
    assert.equal(analyzer.stats.staleDropped, 1);
    assert.equal(cache.stats.blocksAnalyzed, 3, 'the unchanged paragraph was sent once');
    assert.deepEqual(
      analyzer.currentModel('u')?.entities.map((e) => e.text),
      ['Ada', 'Cyd'],
    );
  });

  it('does not analyse a disabled document or another language, and clears what it had shown', async () => {
    const settings: Partial<SamsaraSettings> = {};
    const { docs, analyzer, published, cleared, gates } = setup(settings);
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'Ada'));
    const run = analyzer.analyze('u');
    await flush();
    gates.shift()?.();
    await run;
    assert.equal(published.length, 1);
    settings.enable = false;
    await analyzer.analyze('u');
    await analyzer.analyze('u');
    assert.deepEqual(cleared, ['u'], 'cleared once, when it stopped showing');
    assert.equal(await analyzer.modelFor('u'), undefined, 'no model for a document not analysed');
    docs.set('v', TextDocument.create('v', 'python', 1, 'Ada'));
    settings.enable = true;
    await analyzer.analyze('v');
    assert.deepEqual(cleared, ['u'], 'nothing to clear for a document never shown');
    assert.equal(published.length, 1);
  });

  it('skips a document over the size limit with one message', async () => {
    const { docs, notes, analyzer, published } = setup({ 'analysis.maxDocumentSize': 1000 });
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'A'.repeat(1001)));
    await analyzer.analyze('u');
    await analyzer.analyze('u');
    assert.equal(notes.length, 1);
    assert.match(notes[0], /samsara\.analysis\.maxDocumentSize/);
    assert.equal(published.length, 0);
  });

  it('closing a document clears its diagnostics and forgets it', async () => {
    const { docs, cleared, analyzer } = setup();
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'x'));
    analyzer.close('u');
    assert.deepEqual(cleared, ['u']);
    assert.equal(analyzer.currentModel('u'), undefined);
  });

  it('closing a document drops its blocks still queued', async () => {
    const { docs, analyzer, cache, sent, gates } = setup();
    docs.set('u', TextDocument.create('u', 'plaintext', 1, Array.from({ length: 200 }, (_, i) => `Para${i} text`).join('\n\n')));
    void analyzer.analyze('u', 'open');
    await flush();
    analyzer.close('u');
    gates.shift()?.();
    await flush();
    assert.equal(sent.length, 1, 'nothing sent after the close');
    assert.equal(cache.stats.blocksCancelled, 200 - sent[0].length);
  });

  it('leaves out hidden labels (numbers by default)', async () => {
    const { docs, analyzer, openAll } = setup();
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'Ada has TWO cats'));
    const model = analyzer.modelFor('u');
    await openAll();
    assert.deepEqual(
      (await model)?.entities.map((e) => e.text),
      ['Ada'],
    );
  });

  it('a view asking for a model analyses the current version at once, without the debounce', async () => {
    const { docs, analyzer, openAll, published } = setup({ 'analysis.debounceMs': 60_000 });
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'Ada'));
    await Promise.all([analyzer.analyze('u', 'open'), openAll()]);
    docs.set('u', TextDocument.create('u', 'plaintext', 2, 'Ada and Bob'));
    analyzer.schedule('u');
    const model = analyzer.modelFor('u');
    await openAll();
    assert.equal((await model)?.version, 2);
    assert.deepEqual(
      published.map((m) => m.version),
      [1, 2],
    );
  });

  it('answers a range from the blocks it covers before the rest of the document is analysed', async () => {
    const { docs, analyzer, sent, gates } = setup();
    const paragraphs = Array.from({ length: 300 }, (_, i) => `Para${i} text`);
    docs.set('u', TextDocument.create('u', 'markdown', 1, paragraphs.join('\n\n')));
    void analyzer.analyze('u', 'open');
    await flush();
    assert.ok(sent[0].includes('Para0 text'), 'the first screen goes first');
    const wanted = docs.get('u')!.getText().indexOf('Para250');
    const range = analyzer.entitiesIn('u', wanted, wanted + 7);
    gates.shift()?.();
    await flush();
    assert.deepEqual(sent[1], ['Para250 text'], 'the range overtakes the rest of the document');
    gates.shift()?.();
    const found = await range;
    assert.deepEqual(
      found?.entities.map((e) => e.text),
      ['Para250'],
    );
    assert.equal(analyzer.currentModel('u'), undefined, 'the rest is still being analysed');
  });

  it('an edit sends its new paragraph as interactive work', async () => {
    const { docs, analyzer, openAll, cache } = setup();
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'Ada\n\nBob'));
    await Promise.all([analyzer.analyze('u', 'open'), openAll()]);
    const before = cache.stats.interactiveBatches;
    docs.set('u', TextDocument.create('u', 'plaintext', 2, 'Ada\n\nBob and Cyd'));
    await Promise.all([analyzer.analyze('u', 'edit'), openAll()]);
    assert.equal(cache.stats.interactiveBatches, before + 1);
  });

  it('views waiting for a model get none when the sidecar fails, and the document is retried later', async () => {
    let failing = true;
    const { docs, analyzer, openAll } = setup({}, { fail: () => failing });
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'Ada'));
    const model = analyzer.modelFor('u');
    await openAll();
    assert.equal(await model, undefined);
    assert.deepEqual(analyzer.takeFailed(), ['u']);
    failing = false;
    await Promise.all([analyzer.analyze('u'), openAll()]);
    assert.equal((await analyzer.modelFor('u'))?.entities[0].text, 'Ada');
  });

  it('a cancelled wait resolves at once', async () => {
    const { docs, analyzer } = setup();
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'Ada'));
    const source = new CancellationTokenSource();
    const model = analyzer.modelFor('u', source.token);
    source.cancel();
    assert.equal(await model, undefined);
  });
});

describe('the first screen of a long document', () => {
  it('is read and sent before the rest is extracted, and answers a range request on its own', async () => {
    const { docs, analyzer, sent, gates, cache } = setup();
    // ~140 K characters: long enough for the early read.
    const paragraphs = Array.from({ length: 6000 }, (_, i) => `Para${i} words here`);
    docs.set('u', TextDocument.create('u', 'markdown', 1, paragraphs.join('\n\n')));
    void analyzer.analyze('u', 'open');
    const range = analyzer.entitiesIn('u', 0, 40);
    await flush();
    assert.equal(sent.length, 1, 'the first screen is on its way');
    assert.ok(cache.stats.blocksRequested < 100, `before the other blocks are even asked for (${cache.stats.blocksRequested})`);
    await flush();
    assert.ok(cache.stats.blocksRequested > 6000, 'then the whole document');
    assert.ok(
      sent[0].every((text) => Number(/Para(\d+)/.exec(text)?.[1]) < 40),
      'the first batch holds the first screen only',
    );
    gates.shift()?.();
    const found = await range;
    assert.deepEqual(
      found?.entities.map((e) => e.text),
      ['Para0', 'Para1', 'Para2'],
    );
    assert.equal(analyzer.currentModel('u'), undefined);
    analyzer.close('u');
  });
});

describe('earlyScreenCut', () => {
  it('cuts a long text at the first blank line after the screen, and leaves short texts alone', () => {
    const long = `${'a\n'.repeat(60)}tail of the screen\n\n${'x'.repeat(200_000)}`;
    const screenEnd = long.indexOf('tail');
    assert.equal(earlyScreenCut(long, screenEnd), long.indexOf('x'));
    assert.equal(earlyScreenCut('short\n\ntext', 2), undefined);
    assert.equal(earlyScreenCut(`${'y'.repeat(200_000)}\n\nz`, 10), undefined, 'no paragraph end soon after the screen');
  });
});
