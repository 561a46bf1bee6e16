// The Entities view's tree, as plain data: label → entity (mention count) → mentions, the filter,
// and what each row shows. No `vscode` import, so the shape of the tree is unit-tested without an
// editor; entitiesTree.ts turns these rows into TreeItems.
import type { DocumentEntities, EntitySummary } from '../../../shared/lsp';
import { labelName } from '../../../shared/entityLabels';

type Range = EntitySummary['mentions'][number];

export interface LabelNode {
  kind: 'label';
  uri: string;
  label: string;
  explanation: string;
  entities: EntitySummary[];
}

export interface EntityNode {
  kind: 'entity';
  uri: string;
  entity: EntitySummary;
}

export interface MentionNode {
  kind: 'mention';
  uri: string;
  entity: EntitySummary;
  index: number;
  range: Range;
}

export type EntitiesNode = LabelNode | EntityNode | MentionNode;

/** What a row shows, independent of the editor's TreeItem class. */
export interface RowView {
  id: string;
  label: string;
  /** [start, end) of `label` to emphasise (the mention inside its line). */
  highlight?: [number, number];
  description: string;
  tooltip: string;
  /** What a screen reader says for the row (tests find rows by it too). */
  accessibleLabel: string;
  /** A codicon id, for label rows. */
  icon?: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** Where a click jumps: the mention, or an entity's first mention. */
  target?: Range;
  /** `contextValue`, for menus. */
  context: 'samsara.label' | 'samsara.entity' | 'samsara.mention';
}

/** A model of label groups, the document's or the workspace's: what the filter and counts read. */
interface LabelGroups {
  labels: { label: string; entities: { text: string }[] }[];
}

/**
 * The entities whose text or label contains `filter` (case-insensitive); labels left without an
 * entity are dropped. An empty filter keeps everything.
 */
export function filterLabelGroups<M extends LabelGroups>(model: M, filter: string): M {
  const needle = filter.trim().toLocaleLowerCase();
  if (needle === '') return model;
  const labels = model.labels
    .map((group) => ({
      ...group,
      entities: labelName(group.label).toLocaleLowerCase().includes(needle)
        ? group.entities
        : group.entities.filter((entity) => entity.text.toLocaleLowerCase().includes(needle)),
    }))
    .filter((group) => group.entities.length > 0);
  return { ...model, labels };
}

export function filterEntities(model: DocumentEntities, filter: string): DocumentEntities {
  return filterLabelGroups(model, filter);
}

export function entityCount(model: LabelGroups): number {
  return model.labels.reduce((sum, group) => sum + group.entities.length, 0);
}

export function rootNodes(model: DocumentEntities): LabelNode[] {
  return model.labels
    .filter((group) => group.entities.length > 0)
    .map((group) => ({ kind: 'label', uri: model.uri, label: group.label, explanation: group.explanation, entities: group.entities }));
}

export function childNodes(node: EntitiesNode): EntitiesNode[] {
  switch (node.kind) {
    case 'label':
      return node.entities.map((entity) => ({ kind: 'entity', uri: node.uri, entity }));
    case 'entity':
      return node.entity.mentions.map((range, index) => ({ kind: 'mention', uri: node.uri, entity: node.entity, index, range }));
    case 'mention':
      return [];
  }
}

/** A codicon per label, so people, places and sums tell apart at a glance. */
const LABEL_ICONS: Readonly<Record<string, string>> = {
  PERSON: 'person',
  NORP: 'organization',
  FAC: 'home',
  ORG: 'briefcase',
  GPE: 'globe',
  LOC: 'location',
  PRODUCT: 'package',
  EVENT: 'star-empty',
  WORK_OF_ART: 'book',
  LAW: 'law',
  LANGUAGE: 'comment',
  DATE: 'calendar',
  TIME: 'watch',
  PERCENT: 'symbol-numeric',
  MONEY: 'credit-card',
  QUANTITY: 'symbol-ruler',
  ORDINAL: 'symbol-numeric',
  CARDINAL: 'symbol-numeric',
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Characters of context kept on each side of a mention in its row. */
const CONTEXT = 30;

/**
 * The mention's line, cut to some context around it, and where the mention sits in the result.
 * A mention running over several lines is emphasised to the end of its first line.
 */
export function mentionSnippet(lineText: string, range: Range): { text: string; highlight: [number, number] } {
  const start = Math.min(range.start.character, lineText.length);
  const end = range.end.line === range.start.line ? Math.min(range.end.character, lineText.length) : lineText.length;
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(lineText.length, end + CONTEXT);
  const head = from > 0 ? '…' : '';
  const tail = to < lineText.length ? '…' : '';
  // Leading whitespace of the line says nothing; tabs and runs of spaces would stretch the row.
  const before = (head + lineText.slice(from, start)).replace(/^\s+/, '').replace(/\s+/g, ' ');
  const mention = lineText.slice(start, end).replace(/\s+/g, ' ');
  const after = (lineText.slice(end, to) + tail).replace(/\s+/g, ' ').trimEnd();
  return { text: before + mention + after, highlight: [before.length, before.length + mention.length] };
}

function position(range: Range): string {
  return `Ln ${range.start.line + 1}, Col ${range.start.character + 1}`;
}

/** The row of `node`; `lineAt` reads a line of the shown document (for a mention's context). */
export function rowView(node: EntitiesNode, lineAt: (line: number) => string | undefined): RowView {
  switch (node.kind) {
    case 'label': {
      const count = plural(node.entities.length, 'entity', 'entities');
      return {
        id: `${node.uri}#label:${node.label}`,
        label: labelName(node.label),
        description: `${count} · ${node.explanation}`,
        tooltip: `${labelName(node.label)}: ${node.explanation}`,
        accessibleLabel: `${labelName(node.label)}, ${count}: ${node.explanation}`,
        icon: LABEL_ICONS[node.label] ?? 'tag',
        collapsible: 'expanded',
        context: 'samsara.label',
      };
    }
    case 'entity': {
      const count = node.entity.mentions.length;
      const first = node.entity.mentions[0];
      return {
        id: `${node.uri}#entity:${node.entity.key}`,
        label: node.entity.text,
        description: `(${count})`,
        tooltip: `"${node.entity.text}" — ${labelName(node.entity.label)}, ${plural(count, 'mention', 'mentions')}${first ? `; first at ${position(first)}` : ''}`,
        accessibleLabel: `${node.entity.text}, ${node.entity.label}, ${plural(count, 'mention', 'mentions')}`,
        collapsible: count > 0 ? 'collapsed' : 'none',
        target: first,
        context: 'samsara.entity',
      };
    }
    case 'mention': {
      const line = lineAt(node.range.start.line);
      const snippet = line === undefined ? undefined : mentionSnippet(line, node.range);
      return {
        id: `${node.uri}#entity:${node.entity.key}#${node.index}`,
        label: snippet?.text || node.entity.text,
        highlight: snippet?.highlight,
        description: position(node.range),
        tooltip: `"${node.entity.text}" at ${position(node.range)}`,
        accessibleLabel: `${node.entity.text} at ${position(node.range)}${snippet ? `: ${snippet.text}` : ''}`,
        collapsible: 'none',
        target: node.range,
        context: 'samsara.mention',
      };
    }
  }
}
