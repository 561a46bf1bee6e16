// The Entities view's Workspace mode, as plain data: label → entity (mentions, files) → file
// (mentions there), from samsara/workspaceEntities, with the view's filter. No `vscode` import, so
// the shape of the tree is unit-tested without an editor; workspaceEntitiesTree.ts makes TreeItems.
import type { WorkspaceEntities, WorkspaceEntity } from '../../../shared/lsp';
import { entityCount, filterLabelGroups } from './entitiesModel';
import { labelName } from '../../../shared/entityLabels';

type Range = WorkspaceEntity['files'][number]['first'];

export interface WorkspaceLabelNode {
  kind: 'wlabel';
  label: string;
  explanation: string;
  entities: WorkspaceEntity[];
}

export interface WorkspaceEntityNode {
  kind: 'wentity';
  entity: WorkspaceEntity;
}

export interface WorkspaceFileNode {
  kind: 'wfile';
  entity: WorkspaceEntity;
  uri: string;
  count: number;
  first: Range;
}

export type WorkspaceNode = WorkspaceLabelNode | WorkspaceEntityNode | WorkspaceFileNode;

export interface WorkspaceRow {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** Where a click jumps: a file's first mention of the entity. */
  target?: { uri: string; range: Range };
  context: 'samsara.wlabel' | 'samsara.wentity' | 'samsara.wfile';
}

/** The entities whose text or label contains `filter` (case-insensitive); empty labels dropped. */
export function filterWorkspace(model: WorkspaceEntities, filter: string): WorkspaceEntities {
  return filterLabelGroups(model, filter);
}

export function workspaceEntityCount(model: WorkspaceEntities): number {
  return entityCount(model);
}

export function workspaceRoots(model: WorkspaceEntities): WorkspaceLabelNode[] {
  return model.labels
    .filter((group) => group.entities.length > 0)
    .map((group) => ({ kind: 'wlabel', label: group.label, explanation: group.explanation, entities: group.entities }));
}

export function workspaceChildren(node: WorkspaceNode): WorkspaceNode[] {
  switch (node.kind) {
    case 'wlabel':
      return node.entities.map((entity) => ({ kind: 'wentity', entity }));
    case 'wentity':
      return node.entity.files.map((file) => ({ kind: 'wfile', entity: node.entity, uri: file.uri, count: file.count, first: file.first }));
    case 'wfile':
      return [];
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The row of `node`; `pathOf` names a file as the user knows it (relative to the workspace). */
export function workspaceRow(node: WorkspaceNode, pathOf: (uri: string) => string): WorkspaceRow {
  switch (node.kind) {
    case 'wlabel':
      return {
        id: `workspace#label:${node.label}`,
        label: labelName(node.label),
        description: `${plural(node.entities.length, 'entity', 'entities')} · ${node.explanation}`,
        tooltip: `${labelName(node.label)}: ${node.explanation}`,
        collapsible: 'expanded',
        context: 'samsara.wlabel',
      };
    case 'wentity': {
      const { entity } = node;
      const first = entity.files[0];
      return {
        id: `workspace#entity:${entity.key}`,
        label: entity.text,
        description: `(${entity.mentions}) in ${plural(entity.files.length, 'file', 'files')}`,
        tooltip: `"${entity.text}" — ${labelName(entity.label)}, ${plural(entity.mentions, 'mention', 'mentions')} in ${plural(entity.files.length, 'file', 'files')}`,
        collapsible: entity.files.length > 0 ? 'collapsed' : 'none',
        ...(first ? { target: { uri: first.uri, range: first.first } } : {}),
        context: 'samsara.wentity',
      };
    }
    case 'wfile': {
      const path = pathOf(node.uri);
      return {
        id: `workspace#entity:${node.entity.key}#${node.uri}`,
        label: path,
        description: `(${node.count})`,
        tooltip: `"${node.entity.text}" in ${path}: ${plural(node.count, 'mention', 'mentions')}; first at Ln ${node.first.start.line + 1}, Col ${node.first.start.character + 1}`,
        collapsible: 'none',
        target: { uri: node.uri, range: node.first },
        context: 'samsara.wfile',
      };
    }
  }
}
