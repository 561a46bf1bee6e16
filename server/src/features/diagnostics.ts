// Entities as diagnostics: one per entity, `source` "samsara", `code` the label, a message with
// the label and its explanation, the severity and the label filter from the settings.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SamsaraSettings, Severity } from '../settings/settings';
import type { LabelExplainer } from './labels';
import { rangeAt } from './positions';

/** An entity with offsets in the whole document (UTF-16). */
export interface DocumentEntity {
  label: string;
  text: string;
  start: number;
  end: number;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  Error: DiagnosticSeverity.Error,
  Warning: DiagnosticSeverity.Warning,
  Information: DiagnosticSeverity.Information,
  Hint: DiagnosticSeverity.Hint,
};

export function visibleEntities(entities: readonly DocumentEntity[], settings: SamsaraSettings): readonly DocumentEntity[] {
  const labels = settings['diagnostics.labels'];
  if (labels.length === 0) return entities;
  const shown = new Set(labels.map((label) => label.toUpperCase()));
  return entities.filter((entity) => shown.has(entity.label.toUpperCase()));
}

export function toDiagnostics(
  document: TextDocument,
  entities: readonly DocumentEntity[],
  settings: SamsaraSettings,
  labels: LabelExplainer,
): Diagnostic[] {
  const severity = SEVERITIES[settings['diagnostics.severity']];
  // Thousands of entities share a handful of labels: build each message once.
  const messages = new Map<string, string>();
  const messageOf = (label: string): string => {
    let message = messages.get(label);
    if (message === undefined) {
      message = `${label} — ${labels.explain(label)}`;
      messages.set(label, message);
    }
    return message;
  };
  return visibleEntities(entities, settings).map((entity) => ({
    range: rangeAt(document, entity.start, entity.end),
    severity,
    source: 'samsara',
    code: entity.label,
    message: messageOf(entity.label),
  }));
}
