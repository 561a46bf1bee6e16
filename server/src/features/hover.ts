// Hover over an entity: its text, label, the label's explanation and how often the same text is
// mentioned as an entity in the document.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentEntity } from './diagnostics';
import type { LabelExplainer } from './labels';
import { rangeAt } from './positions';

/** `entities` sorted by start, as the analyzer produces them. */
export function entityAt(entities: readonly DocumentEntity[], offset: number): DocumentEntity | undefined {
  let low = 0;
  let high = entities.length - 1;
  // Last entity starting at or before the offset (entities do not overlap).
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (entities[mid].start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found === -1) return undefined;
  const entity = entities[found];
  // The end is exclusive, but a cursor just after the last character still hovers the entity.
  return offset <= entity.end ? entity : undefined;
}

export function hoverFor(
  document: TextDocument,
  entities: readonly DocumentEntity[],
  offset: number,
  labels: LabelExplainer,
): Hover | null {
  const entity = entityAt(entities, offset);
  if (!entity) return null;
  const mentions = entities.reduce((count, other) => count + (other.text === entity.text ? 1 : 0), 0);
  const value = [
    `**${escapeMarkdown(entity.text)}** — \`${entity.label}\``,
    '',
    escapeMarkdown(labels.explain(entity.label)),
    '',
    `Mentioned ${mentions} ${mentions === 1 ? 'time' : 'times'} in this document.`,
  ].join('\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeAt(document, entity.start, entity.end) };
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
