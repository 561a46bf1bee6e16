// What the "Where Names Appear" view shows, as plain nodes: in the Files mode, each file of the
// workspace in reading order with the entities it mentions (most first); in the Entity mode, the
// files one entity appears in and the entities it shares paragraphs with. Answers are checked with
// the contract's schemas (a server of another version may send anything). No `vscode` import: it
// is unit-tested without an editor; appearancesView.ts turns the nodes into tree items.
import { AppearancesSchema, EntityPresenceSchema, type Appearances, type EntityPresence } from '../../../shared/lsp';
import { csvField } from '../../../shared/csv';

export interface Mention {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export type AppearanceNode =
  | { kind: 'file'; id: string; label: string; description: string; children: AppearanceNode[] }
  | { kind: 'entity'; id: string; label: string; description: string; entityLabel: string; key: string; goTo: Mention }
  | { kind: 'section'; id: string; label: string; children: AppearanceNode[] }
  | { kind: 'companion'; id: string; label: string; description: string; entityLabel: string; key: string };

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function parseAppearances(raw: unknown): Appearances | { error: string } {
  const parsed = AppearancesSchema.safeParse(raw);
  return parsed.success ? parsed.data : { error: parsed.error.issues[0]?.message ?? 'bad shape' };
}

export function parsePresence(raw: unknown): EntityPresence | null | { error: string } {
  if (raw === null) return null;
  const parsed = EntityPresenceSchema.safeParse(raw);
  return parsed.success ? parsed.data : { error: parsed.error.issues[0]?.message ?? 'bad shape' };
}

/** Files in reading order, each with its entities (most mentioned first). */
export function fileNodes(appearances: Appearances): AppearanceNode[] {
  return appearances.files.map((file) => ({
    kind: 'file',
    id: `file:${file.uri}`,
    label: file.name,
    description: plural(file.entities.length, 'name', 'names'),
    children: file.entities.map((entity) => ({
      kind: 'entity',
      id: `file:${file.uri}:${entity.key}`,
      label: entity.name,
      description: `${entity.label} · ${plural(entity.count, 'mention', 'mentions')}`,
      entityLabel: entity.label,
      key: entity.key,
      goTo: { uri: file.uri, range: entity.first },
    })),
  }));
}

/** One entity: the files it appears in (reading order) and who shares its paragraphs. */
export function presenceNodes(presence: EntityPresence): AppearanceNode[] {
  return [
    {
      kind: 'section',
      id: 'presence',
      label: `Appears in ${plural(presence.files.length, 'file', 'files')}`,
      children: presence.files.map((file) => ({
        kind: 'entity',
        id: `presence:${file.uri}`,
        label: file.name,
        description: plural(file.count, 'mention', 'mentions'),
        entityLabel: presence.label,
        key: presence.key,
        goTo: { uri: file.uri, range: file.first },
      })),
    },
    {
      kind: 'section',
      id: 'together',
      label: `Shares paragraphs with ${plural(presence.together.length, 'name', 'names')}`,
      children: presence.together.map((other) => ({
        kind: 'companion',
        id: `together:${other.key}`,
        label: other.name,
        description: `${other.label} · ${plural(other.paragraphs, 'paragraph', 'paragraphs')}`,
        entityLabel: other.label,
        key: other.key,
      })),
    },
  ];
}

/** Every file × entity as CSV (file, entity, label, mentions, first line), reading order kept. */
export function appearancesToCsv(appearances: Appearances): string {
  const lines = [['file', 'entity', 'label', 'mentions', 'first_line'].join(',')];
  for (const file of appearances.files) {
    for (const entity of file.entities) {
      lines.push([file.name, entity.name, entity.label, entity.count, entity.first.start.line + 1].map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
