// What the editor asks of the workspace index: entities by name (workspace/symbol, Ctrl+T), the
// mentions of one entity in every file (references), the Workspace mode of the Entities view
// (label → entity → files with counts), and every mention as export rows. Labels the user hides
// are left out of all of them.
import { SymbolKind, type Location, type SymbolInformation } from 'vscode-languageserver';
import { ONTONOTES_LABELS } from '../../../shared/entityLabels';
import type { WorkspaceEntities, WorkspaceEntity } from '../../../shared/lsp';
import type { ModelEntity } from '../entities/entityModel';
import { normaliseEntityText } from '../entities/normalise';
import { KINDS, mentionCount } from '../features/documentSymbols';
import type { LabelExplainer } from '../entities/labels';
import { entityRow, type EntityRow } from './entityRows';
import type { WorkspaceIndex } from './workspaceIndex';

export type Visible = (label: string) => boolean;

/** Most symbols one workspace/symbol answer carries (the editor filters further as the user types). */
export const MAX_SYMBOLS = 1000;

const LABEL_ORDER = new Map<string, number>(ONTONOTES_LABELS.map((label, i) => [label, i]));

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function labelOf(key: string): string {
  return key.slice(0, key.indexOf(':'));
}

/**
 * How well `name` (normalised) matches `query` (normalised): 0 exact, 1 prefix, 2 a word's
 * prefix, 3 substring, 4 the query's characters in order; undefined: no match.
 */
export function matchRank(name: string, query: string): number | undefined {
  if (query === '') return 4;
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  const at = name.indexOf(query);
  if (at > 0) return name[at - 1] === ' ' ? 2 : 3;
  let i = 0;
  for (const char of name) if (char === query[i]) i += 1;
  return i === query.length ? 4 : undefined;
}

/** Entities whose name matches `query`: one symbol per entity and file, at its first mention there. */
export function workspaceSymbols(index: WorkspaceIndex, query: string, visible: Visible, limit = MAX_SYMBOLS): SymbolInformation[] {
  const wanted = normaliseEntityText(query);
  const found: { rank: number; count: number; symbol: SymbolInformation }[] = [];
  for (const [key, perFile] of index.entries()) {
    const label = labelOf(key);
    if (!visible(label)) continue;
    const rank = matchRank(key.slice(label.length + 1), wanted);
    if (rank === undefined) continue;
    for (const [uri, mentions] of perFile) {
      const first = mentions[0];
      found.push({
        rank,
        count: mentions.length,
        symbol: {
          name: first.text.replace(/\s+/g, ' ').trim(),
          kind: KINDS[label] ?? SymbolKind.Field,
          containerName: `${label} · ${mentionCount(mentions.length)}`,
          location: { uri, range: first.range },
        },
      });
    }
  }
  found.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.count - a.count ||
      compare(a.symbol.location.uri, b.symbol.location.uri) ||
      compare(a.symbol.name, b.symbol.name),
  );
  return found.slice(0, limit).map((entry) => entry.symbol);
}

/** Every mention of the entity `key` in the files of the index, except those of `exceptUri`. */
export function mentionLocations(index: WorkspaceIndex, key: string, exceptUri?: string): Location[] {
  const locations: Location[] = [];
  const perFile = [...index.mentions(key)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [uri, mentions] of perFile) {
    if (uri === exceptUri) continue;
    for (const mention of mentions) locations.push({ uri, range: mention.range });
  }
  return locations;
}

/** The Workspace mode of the Entities view: labels in a stable order, entities most mentioned first. */
export function workspaceEntities(
  index: WorkspaceIndex,
  visible: Visible,
  labels: LabelExplainer,
  state: { scanning: boolean; enabled: boolean },
): WorkspaceEntities {
  const byLabel = new Map<string, WorkspaceEntity[]>();
  for (const [key, perFile] of index.entries()) {
    const label = labelOf(key);
    if (!visible(label)) continue;
    const files = [...perFile]
      .map(([uri, mentions]) => ({ uri, count: mentions.length, first: mentions[0].range, text: mentions[0].text }))
      .sort((a, b) => b.count - a.count || (a.uri < b.uri ? -1 : 1));
    const firstByPath = files.reduce((min, file) => (file.uri < min.uri ? file : min), files[0]);
    const entity: WorkspaceEntity = {
      key,
      text: firstByPath.text,
      label,
      mentions: files.reduce((sum, file) => sum + file.count, 0),
      files: files.map(({ uri, count, first }) => ({ uri, count, first })),
    };
    const list = byLabel.get(label);
    if (list) list.push(entity);
    else byLabel.set(label, [entity]);
  }
  return {
    files: index.fileCount,
    ...state,
    labels: [...byLabel]
      .sort(([a], [b]) => (LABEL_ORDER.get(a) ?? Infinity) - (LABEL_ORDER.get(b) ?? Infinity) || a.localeCompare(b))
      .map(([label, entities]) => ({
        label,
        explanation: labels.explain(label),
        entities: entities.sort((a, b) => b.mentions - a.mentions || a.text.localeCompare(b.text)),
      })),
  };
}

/** Every shown mention of the index, file by file (by path) in document order. */
export function* exportRows(index: WorkspaceIndex, visible: Visible, fileName: (uri: string) => string): Generator<EntityRow> {
  const uris = [...index.uris()].sort();
  for (const uri of uris) {
    const file = index.get(uri);
    if (!file) continue;
    const name = fileName(uri);
    for (const entity of file.entities as readonly ModelEntity[]) if (visible(entity.label)) yield entityRow(name, entity);
  }
}
