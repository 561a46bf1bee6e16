// `samsara bible PATH...`: the story bible of a manuscript: every entity of the files (grouped as
// the editor groups them: story bible entries with their aliases, a person's short forms with the
// full name), with its other names, how often it is mentioned in all and per file, and where it
// first appears, files in reading order (`.samsara/manuscript.yaml` of the current folder, then by
// path). Markdown (default) or JSON.
import { pathToFileURL } from 'node:url';
import { LABEL_EXPLANATIONS } from '../../../shared/entityLabels';
import { loadReadingOrder, readUriText } from '../../../server/src/engine';
import type { CliContext, Command } from '../cliContext';
import { analysePaths, type AnalysedFile } from './entities';
import { ENTITIES_USAGE, parseEntitiesOptions } from './entitiesOptions';

export const BIBLE_USAGE = `Usage: samsara bible [options] PATH...

Prints the entities of files and folders as a story bible: each entity once (a story bible entry of
.samsara/entities.yaml with its aliases, or the name its mentions share), with its other names,
mentions in all and per file, and its first appearance (file and line), files in reading order
(.samsara/manuscript.yaml of the current folder, then by path).

  --format <md|json>         Markdown tables (default) or JSON
  (the other options are those of samsara entities)
${ENTITIES_USAGE.slice(ENTITIES_USAGE.indexOf('Options:')).replace(/^\s*--format[^\n]*\n/m, '')}`;

export interface BibleRow {
  id?: string;
  name: string;
  label: string;
  otherNames: string[];
  notes?: string;
  mentions: number;
  first: { file: string; line: number };
  files: { file: string; mentions: number }[];
}

/** Entities over files already in reading order, most mentioned first within each label. */
export function bibleRows(files: readonly AnalysedFile[]): BibleRow[] {
  const rows = new Map<string, BibleRow & { texts: Set<string> }>();
  for (const file of files) {
    for (const label of file.model.groups) {
      for (const group of label.entities) {
        const entry = file.model.entryOf(group.mentions[0]);
        let row = rows.get(group.key);
        if (!row) {
          row = {
            ...(entry ? { id: entry.id } : {}),
            name: entry?.name ?? group.text.replace(/\s+/g, ' ').trim(),
            label: group.label,
            otherNames: [],
            ...(entry?.notes ? { notes: entry.notes } : {}),
            mentions: 0,
            first: { file: file.name, line: group.mentions[0].range.start.line + 1 },
            files: [],
            texts: new Set(entry?.aliases ?? []),
          };
          rows.set(group.key, row);
        }
        row.mentions += group.mentions.length;
        row.files.push({ file: file.name, mentions: group.mentions.length });
        for (const mention of group.mentions) row.texts.add(mention.text.replace(/\s+/g, ' ').trim());
      }
    }
  }
  return [...rows.values()]
    .map(({ texts, ...row }) => ({ ...row, otherNames: [...texts].filter((t) => t.toLowerCase() !== row.name.toLowerCase()) }))
    .sort((a, b) => a.label.localeCompare(b.label) || b.mentions - a.mentions || a.name.localeCompare(b.name));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

export function bibleMarkdown(rows: readonly BibleRow[]): string {
  const out = ['# Story bible', ''];
  for (const label of [...new Set(rows.map((r) => r.label))]) {
    const explanation = (LABEL_EXPLANATIONS as Record<string, string | undefined>)[label];
    out.push(
      `## ${label}${explanation ? ` — ${explanation}` : ''}`,
      '',
      '| Entity | Other names | Mentions | First appears | Files |',
      '|---|---|---:|---|---|',
    );
    for (const row of rows.filter((r) => r.label === label)) {
      out.push(
        `| ${cell(row.name)} | ${cell(row.otherNames.join(', '))} | ${row.mentions} | ${cell(row.first.file)}:${row.first.line} | ` +
          `${cell(row.files.map((f) => `${f.file} (${f.mentions})`).join(', '))} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

export const bibleCommand: Command = {
  name: 'bible',
  summary: 'print the story bible of files and folders: entities, other names, mentions, first appearance',
  usage: BIBLE_USAGE,
  async run(context: CliContext): Promise<number> {
    const options = parseEntitiesOptions(context.args, ['md', 'json']);
    const files: AnalysedFile[] = [];
    const code = await analysePaths(context, options, 'bible', (file) => files.push(file));
    if (files.length === 0) return code;
    const { order, problem } = await loadReadingOrder([pathToFileURL(context.cwd).href], (uri) => readUriText(uri, 1_000_000));
    if (problem) context.stderr.write(`samsara bible: ${problem} (reading order by path)\n`);
    const byUri = new Map(files.map((file) => [pathToFileURL(file.path).href, file]));
    const ordered = order.sort(byUri.keys()).map((uri) => byUri.get(uri) as AnalysedFile);
    const rows = bibleRows(ordered);
    context.stdout.write(options.output === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : bibleMarkdown(rows));
    return code;
  },
};
