// Hover over an entity: its text, label (by name: "Places (GPE)"), the label's explanation and
// how many times the same entity (same label and normalised text; a person's short name counts
// with the full name) is mentioned in the document. Markdown when the client takes it, plain text
// when it declares only plaintext (hover.contentFormat).
import { MarkupKind, type Hover, type HoverClientCapabilities } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';
import type { LabelExplainer } from '../entities/labels';
import { labelName } from '../../../shared/entityLabels';

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
  // "Shannon" counted with "Claude Shannon" says whose mentions these are.
  const full = model.fullNameOf(entity);
  const fullName = full === undefined ? undefined : normalisedSpace(full);
  const times = (quoted: (text: string) => string): string =>
    `Mentioned ${mentions} ${mentions === 1 ? 'time' : 'times'} in this document${fullName ? ` (counting ${quoted(fullName)} and its short forms)` : ''}.`;
  const explanation = labels.explain(entity.label);
  const value =
    format === MarkupKind.Markdown
      ? [
          `**${escapeMarkdown(entity.text)}** — ${labelMarkdown(entity.label)}`,
          '',
          escapeMarkdown(explanation),
          '',
          times((text) => `**${escapeMarkdown(text)}**`),
        ].join('\n')
      : [`${entity.text} — ${labelName(entity.label)}`, '', explanation, '', times((text) => `"${text}"`)].join('\n');
  return { contents: { kind: format, value }, range: entity.range };
}

function normalisedSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * `text` as one inline code span, whatever it holds: a label comes from a workspace's rules file,
 * and one with a backtick would otherwise leave the span (issue 20: a remote image, a `command:`
 * link in the hover). The fence is longer than any backtick run inside; line breaks become spaces.
 */
/** "Places (GPE)" for a label with a name; a label without one (a rules file's own) as one code span. */
export function labelMarkdown(label: string): string {
  const named = labelName(label);
  return named === label ? codeSpan(label) : escapeMarkdown(named);
}

export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
