import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, MarkupKind, type MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel, type DocumentEntity } from '../../../../server/src/entities/entityModel';
import { publishesDiagnostics, quoteEntity, toDiagnostics } from '../../../../server/src/features/diagnostics';
import { hoverFor, hoverFormat } from '../../../../server/src/features/hover';
import { LabelExplainer } from '../../../../server/src/entities/labels';
import { defaultSettings } from '../../../../server/src/settings/settings';

const text = 'Paris met Obama. Obama left Paris for Obama.';
const doc = TextDocument.create('file:///a', 'plaintext', 1, text);
const at = (word: string, from = 0): DocumentEntity => {
  const start = text.indexOf(word, from);
  return { label: word === 'Paris' ? 'GPE' : 'PERSON', text: word, start, end: start + word.length };
};
const entities = [at('Paris'), at('Obama'), at('Obama', 12), at('Paris', 20), at('Obama', 35)];
const model = EntityModel.build(doc, entities);

describe('diagnostics', () => {
  it('go to a client with semantic tokens only once the user raises the severity above Hint', () => {
    const settings = defaultSettings();
    assert.equal(publishesDiagnostics(settings, true), false, 'the colours already show every entity');
    assert.equal(publishesDiagnostics(settings, false), true, 'its only highlighting');
    assert.equal(publishesDiagnostics({ ...settings, 'diagnostics.severity': 'Information' }, true), true);
  });

  it('one per entity with source, code, a message naming the entity, and the severity setting', () => {
    const labels = new LabelExplainer();
    labels.setFromSidecar({ PERSON: 'People, from the sidecar' });
    const settings = { ...defaultSettings(), 'diagnostics.severity': 'Warning' as const };
    const diagnostics = toDiagnostics(model, settings, labels);
    assert.equal(diagnostics.length, 5);
    assert.deepEqual(diagnostics[0], {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      severity: DiagnosticSeverity.Warning,
      source: 'samsara',
      code: 'GPE',
      message: '"Paris" — GPE (Countries, cities, states)',
    });
    assert.equal(diagnostics[1].message, '"Obama" — PERSON (People, from the sidecar)');
  });

  it('is a Hint by default: nothing in the Problems panel', () => {
    const diagnostics = toDiagnostics(model, defaultSettings(), new LabelExplainer());
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Hint));
  });

  it('shows only the configured labels', () => {
    const settings = { ...defaultSettings(), 'diagnostics.labels': ['gpe'] };
    const diagnostics = toDiagnostics(model, settings, new LabelExplainer());
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['GPE', 'GPE'],
    );
  });

  it('publishes at most diagnostics.maxPerDocument, the first in the document', () => {
    const capped = toDiagnostics(model, { ...defaultSettings(), 'diagnostics.maxPerDocument': 2 }, new LabelExplainer());
    assert.deepEqual(
      capped.map((d) => d.range.start.character),
      [0, 10],
    );
    assert.deepEqual(toDiagnostics(model, { ...defaultSettings(), 'diagnostics.maxPerDocument': 0 }, new LabelExplainer()), []);
  });

  it('quotes an entity on one line, shortened when long', () => {
    assert.equal(quoteEntity('Bill\n  Gates'), '"Bill Gates"');
    const long = quoteEntity('A'.repeat(100));
    assert.equal(long.length, 62);
    assert.ok(long.endsWith('…"'));
  });
});

describe('hover', () => {
  it('finds the entity under the cursor, edges included', () => {
    assert.equal(model.at(0)?.text, 'Paris');
    assert.equal(model.at(5)?.text, 'Paris');
    assert.equal(model.at(7), undefined);
    assert.equal(model.at(12)?.start, 10);
    assert.equal(EntityModel.build(doc, []).at(3), undefined);
  });

  it('gives text, label, explanation and the number of mentions', () => {
    const hover = hoverFor(model, 11, new LabelExplainer());
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*Obama\*\* — People \\\(PERSON\\\)/);
    assert.match(value, /People, including fictional/);
    assert.match(value, /Mentioned 3 times/);
    assert.deepEqual(hover.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 15 } });
    assert.equal(hoverFor(model, 7, new LabelExplainer()), null);
  });

  it('writes plain text for a client that takes only plain text', () => {
    assert.equal(hoverFormat({ contentFormat: [MarkupKind.PlainText] }), MarkupKind.PlainText);
    assert.equal(hoverFormat({ contentFormat: [MarkupKind.PlainText, MarkupKind.Markdown] }), MarkupKind.PlainText);
    assert.equal(hoverFormat({ contentFormat: [MarkupKind.Markdown, MarkupKind.PlainText] }), MarkupKind.Markdown);
    assert.equal(hoverFormat(undefined), MarkupKind.Markdown);
    const hover = hoverFor(model, 11, new LabelExplainer(), MarkupKind.PlainText);
    const contents = hover?.contents as MarkupContent;
    assert.equal(contents.kind, MarkupKind.PlainText);
    assert.equal(contents.value, 'Obama — People (PERSON)\n\nPeople, including fictional\n\nMentioned 3 times in this document.');
  });
});
