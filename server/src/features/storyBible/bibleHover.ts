// The hover of a story bible entity: its canonical name and label, the writer's notes, how often it
// is mentioned here and in the workspace, and where it first appears (file and line, a link).
// The notes come from a workspace file: they are shown as Markdown, but raw HTML and images (which
// would load remote content) are written out as text, and only file and https links are kept.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { EntityModel, ModelEntity } from '../../entities/entityModel';
import type { BibleEntry } from '../../entities/storyBible';
import type { Appearance } from '../../workspace/appearances';
import { labelName } from '../../../../shared/entityLabels';
import { labelMarkdown } from '../hover';

export function bibleHover(model: EntityModel, entity: ModelEntity, entry: BibleEntry, appearance: Appearance, format: MarkupKind): Hover {
  const here = model.mentionsOf(entity).length;
  const times = (n: number): string => `${n} ${n === 1 ? 'time' : 'times'}`;
  const counts = `Mentioned ${times(here)} in this document, ${times(Math.max(here, appearance.workspaceMentions))} in the workspace.`;
  const others = entry.aliases.length > 0 ? entry.aliases : [];
  if (format === MarkupKind.PlainText) {
    const lines = [`${entry.name} — ${labelName(entry.label)}`];
    if (others.length > 0) lines.push(`Also: ${others.join(', ')}`);
    if (entry.notes) lines.push('', entry.notes);
    lines.push('', counts);
    if (appearance.first) lines.push(`First appears in ${appearance.first.name}, line ${appearance.first.line + 1}.`);
    return { contents: { kind: MarkupKind.PlainText, value: lines.join('\n') }, range: entity.range };
  }
  const lines = [`**${escapeMarkdown(entry.name)}** — ${labelMarkdown(entry.label)}`];
  if (others.length > 0) lines.push('', `Also: ${others.map(escapeMarkdown).join(', ')}`);
  if (entry.notes) lines.push('', '---', '', safeNotes(entry.notes), '', '---');
  lines.push('', counts);
  if (appearance.first) {
    const { uri, name, line } = appearance.first;
    lines.push(`First appears in [${escapeMarkdown(name)}, line ${line + 1}](${uri}#L${line + 1}).`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: entity.range };
}

/** The writer's notes as Markdown that loads nothing and runs nothing. */
export function safeNotes(notes: string): string {
  return (
    notes
      // Images: their alt text only (a remote image is a request the workspace chose).
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      // Links to anything but https and files: their text only (command:, data:, javascript: …).
      .replace(/\[([^\]]*)\]\((?!https:|file:)[^)]*\)/gi, '$1')
      // Raw HTML is shown as text.
      .replace(/</g, '&lt;')
  );
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
