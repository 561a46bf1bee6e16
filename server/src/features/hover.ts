// Hover over an entity: its text, label, the label's explanation and how many times the same
// entity (same label and normalised text) is mentioned in the document. Markdown when the client
// takes it, plain text when it declares only plaintext (hover.contentFormat).
import { MarkupKind, type Hover, type HoverClientCapabilities } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';
import type { LabelExplainer } from './labels';

/** The first format the client prefers that this server writes; Markdown when it does not say. */
export function hoverFormat(capabilities: HoverClientCapabilities | undefined): MarkupKind {
  const formats = capabilities?.contentFormat;
  if (!formats || formats.length === 0) return MarkupKind.Markdown;
  return formats.find((format) => format === MarkupKind.Markdown || format === MarkupKind.PlainText) ?? MarkupKind.PlainText;
}

export function hoverFor(
  model: EntityModel,
  offset: number,
  labels: LabelExplainer,
  format: MarkupKind = MarkupKind.Markdown,
): Hover | null {
  const entity = model.at(offset);
  if (!entity) return null;
  const mentions = model.mentionsOf(entity).length;
  const times = `Mentioned ${mentions} ${mentions === 1 ? 'time' : 'times'} in this document.`;
  const explanation = labels.explain(entity.label);
  const value =
    format === MarkupKind.Markdown
      ? [`**${escapeMarkdown(entity.text)}** — \`${entity.label}\``, '', escapeMarkdown(explanation), '', times].join('\n')
      : [`${entity.text} — ${entity.label}`, '', explanation, '', times].join('\n');
  return { contents: { kind: format, value }, range: entity.range };
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
