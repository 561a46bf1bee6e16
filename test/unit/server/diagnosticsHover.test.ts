import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostics, type DocumentEntity } from '../../../server/src/features/diagnostics';
import { entityAt, hoverFor } from '../../../server/src/features/hover';
import { LabelExplainer } from '../../../server/src/features/labels';
import { defaultSettings } from '../../../server/src/settings/settings';

const text = 'Paris met Obama. Obama left Paris for Obama.';
const doc = TextDocument.create('file:///a', 'plaintext', 1, text);
const at = (word: string, from = 0): DocumentEntity => {
  const start = text.indexOf(word, from);
  return { label: word === 'Paris' ? 'GPE' : 'PERSON', text: word, start, end: start + word.length };
};
const entities = [at('Paris'), at('Obama'), at('Obama', 12), at('Paris', 20), at('Obama', 35)];

describe('diagnostics', () => {
  it('one per entity with source, code, explained message and the severity setting', () => {
    const labels = new LabelExplainer();
    labels.setFromSidecar({ PERSON: 'People, from the sidecar' });
    const settings = { ...defaultSettings(), 'diagnostics.severity': 'Warning' as const };
    const diagnostics = toDiagnostics(doc, entities, settings, labels);
    assert.equal(diagnostics.length, 5);
    assert.deepEqual(diagnostics[0], {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      severity: DiagnosticSeverity.Warning,
      source: 'samsara',
      code: 'GPE',
      message: 'GPE — Countries, cities, states',
    });
    assert.equal(diagnostics[1].message, 'PERSON — People, from the sidecar');
  });

  it('shows only the configured labels', () => {
    const settings = { ...defaultSettings(), 'diagnostics.labels': ['gpe'] };
    const diagnostics = toDiagnostics(doc, entities, settings, new LabelExplainer());
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['GPE', 'GPE'],
    );
  });
});

describe('hover', () => {
  it('finds the entity under the cursor, edges included', () => {
    assert.equal(entityAt(entities, 0)?.text, 'Paris');
    assert.equal(entityAt(entities, 5)?.text, 'Paris');
    assert.equal(entityAt(entities, 7), undefined);
    assert.equal(entityAt(entities, 12)?.start, 10);
    assert.equal(entityAt([], 3), undefined);
  });

  it('gives text, label, explanation and the number of mentions', () => {
    const hover = hoverFor(doc, entities, 11, new LabelExplainer());
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*Obama\*\* — `PERSON`/);
    assert.match(value, /People, including fictional/);
    assert.match(value, /Mentioned 3 times/);
    assert.deepEqual(hover.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 15 } });
    assert.equal(hoverFor(doc, entities, 7, new LabelExplainer()), null);
  });
});
