// Entities as diagnostics, for clients without semantic tokens (their only highlighting) and for
// users who raise `diagnostics.severity` above its default Hint: a client with semantic tokens
// already shows every entity, and VS Code draws Hint diagnostics as dots under the first letters,
// which read as spelling marks; so at default settings it gets none. One per entity of the labels
// `diagnostics.labels` allows, in document order, at most `diagnostics.maxPerDocument` of them:
// VS Code keeps 1,000 markers per file anyway, and a 300 KB document has ~6,000 entities, whose
// publication would cost ~1 MB of JSON at every pause in typing. The message names the entity:
// `"Bill Gates" — PERSON (People, including fictional)`.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';
import type { SamsaraSettings, Severity } from '../settings/settings';
import type { LabelExplainer } from '../entities/labels';

export type { DocumentEntity } from '../entities/entityModel';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  Error: DiagnosticSeverity.Error,
  Warning: DiagnosticSeverity.Warning,
  Information: DiagnosticSeverity.Information,
  Hint: DiagnosticSeverity.Hint,
};

/** How much of an entity's text a message quotes. */
const QUOTE_CHARS = 60;

/** Whether a document's entities go out as diagnostics at all (else an empty list does). */
export function publishesDiagnostics(settings: SamsaraSettings, clientHasSemanticTokens: boolean): boolean {
  return !clientHasSemanticTokens || settings['diagnostics.severity'] !== 'Hint';
}

export function toDiagnostics(model: EntityModel, settings: SamsaraSettings, labels: LabelExplainer): Diagnostic[] {
  const severity = SEVERITIES[settings['diagnostics.severity']];
  const max = settings['diagnostics.maxPerDocument'];
  const allowed = settings['diagnostics.labels'];
  const shown = allowed.length === 0 ? undefined : new Set(allowed.map((label) => label.toUpperCase()));
  // Thousands of entities share a handful of labels: explain each label once.
  const explained = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const entity of model.entities) {
    if (diagnostics.length >= max) break;
    if (shown && !shown.has(entity.label.toUpperCase())) continue;
    let explanation = explained.get(entity.label);
    if (explanation === undefined) {
      explanation = `${entity.label} (${labels.explain(entity.label)})`;
      explained.set(entity.label, explanation);
    }
    diagnostics.push({
      range: entity.range,
      severity,
      source: 'samsara',
      code: entity.label,
      message: `${quoteEntity(entity.text)} — ${explanation}`,
    });
  }
  return diagnostics;
}

/** The entity's text on one line, in quotes, shortened if long. */
export function quoteEntity(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `"${oneLine.length > QUOTE_CHARS ? `${oneLine.slice(0, QUOTE_CHARS - 1)}…` : oneLine}"`;
}
