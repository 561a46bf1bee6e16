// The analyzer sends prose, not the document: nothing from Markdown code reaches the sidecar, and
// entities come back at their document offsets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../../../server/src/analysis/analysisCache';
import type { DocumentEntity } from '../../../../server/src/features/diagnostics';
import { DocumentAnalyzer } from '../../../../server/src/analysis/documentAnalyzer';
import { silentLogger } from '../../../../server/src/logger';
import type { Entity } from '../../../../server/src/protocol/sidecar';
import { defaultSettings } from '../../../../server/src/settings/settings';

describe('DocumentAnalyzer with prose extraction', () => {
  it('sends Markdown prose only and maps entities back across removed syntax', async () => {
    const sent: string[] = [];
    // Capitalised words, and pairs of them, are entities.
    const cache = new AnalysisCache(async (texts) => {
      sent.push(...texts);
      return texts.map((text): Entity[] =>
        [...text.matchAll(/[A-Z]\w+(?: [A-Z]\w+)?/g)].map((m) => ({ label: 'X', text: m[0], start: m.index, end: m.index + m[0].length })),
      );
    });
    const published: DocumentEntity[][] = [];
    const doc = TextDocument.create(
      'u',
      'markdown',
      1,
      '---\nauthor: Steve Jobs\n---\nI met **Bill** Gates.\r\n\r\n```\nTim Cook\n```\n\n- [Ada](https://x.org/Grace) in `Linus` Paris',
    );
    const analyzer = new DocumentAnalyzer({
      getDocument: () => doc,
      settingsFor: async () => defaultSettings(),
      cache,
      publish: (model) => published.push([...model.entities]),
      clear: () => undefined,
      notify: () => undefined,
      log: silentLogger,
    });
    await analyzer.analyze('u');
    assert.deepEqual(sent, ['I met Bill Gates.', 'Ada in Paris']);
    const text = doc.getText();
    assert.deepEqual(
      published[0].map((e) => [e.text, text.slice(e.start, e.end)]),
      [
        ['Bill Gates', 'Bill** Gates'],
        ['Ada', 'Ada'],
        ['Paris', 'Paris'],
      ],
    );
  });
});
