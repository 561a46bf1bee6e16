import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../../server/src/features/analysisCache';
import type { DocumentEntity } from '../../../server/src/features/diagnostics';
import { DocumentAnalyzer } from '../../../server/src/features/documentAnalyzer';
import { silentLogger } from '../../../server/src/logger';
import type { Entity } from '../../../server/src/protocol/sidecar';
import { defaultSettings, type SamsaraSettings } from '../../../server/src/settings/settings';

function setup(settings: Partial<SamsaraSettings> = {}) {
  const docs = new Map<string, TextDocument>();
  const published: { version: number; entities: readonly DocumentEntity[] }[] = [];
  const cleared: string[] = [];
  const notes: string[] = [];
  const gates: (() => void)[] = [];
  // Words in capitals are entities; each request waits until the test opens its gate.
  const cache = new AnalysisCache(async (texts) => {
    await new Promise<void>((resolve) => gates.push(resolve));
    return texts.map((text): Entity[] =>
      [...text.matchAll(/[A-Z]\w+/g)].map((m) => ({ label: 'X', text: m[0], start: m.index, end: m.index + m[0].length })),
    );
  });
  const analyzer = new DocumentAnalyzer({
    getDocument: (uri) => docs.get(uri),
    // Read at every call, so a test can change settings between runs.
    settingsFor: async () => ({ ...defaultSettings(), ...settings }),
    cache,
    publish: (doc, entities) => published.push({ version: doc.version, entities }),
    clear: (uri) => cleared.push(uri),
    notify: (m) => notes.push(m),
    log: silentLogger,
  });
  return { docs, published, cleared, notes, gates, analyzer, cache };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('DocumentAnalyzer', () => {
  it('publishes entities with document offsets, and drops a result for a stale version', async () => {
    const { docs, published, gates, analyzer, cache } = setup();
    docs.set('u', TextDocument.create('u', 'plaintext', 1, 'hello Ada\n\nand Bob'));
    const first = analyzer.analyze('u');
    await flush();
    docs.set('u', TextDocument.create('u', 'plaintext', 2, 'hello Ada\n\nand Cyd'));
    const second = analyzer.analyze('u');
    await flush();
    while (gates.length) gates.shift()?.();
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
      analyzer.entitiesOf('u')?.map((e) => e.text),
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
    assert.equal(analyzer.entitiesOf('u'), undefined);
  });
});
