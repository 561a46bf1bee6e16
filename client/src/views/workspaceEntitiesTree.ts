// The Workspace mode of the Entities view as TreeItems: label → entity (mentions in how many files)
// → file (mentions there), from the feed's model after the view's filter. A file row opens the
// file at the entity's first mention there (the view's reveal command, which takes [uri, range]).
import * as vscode from 'vscode';
import type { WorkspaceEntities } from '../../../shared/lsp';
import type { WorkspaceEntitiesFeed } from './workspaceEntitiesFeed';
import {
  filterWorkspace,
  workspaceChildren,
  workspaceEntityCount,
  workspaceRoots,
  workspaceRow,
  type WorkspaceNode,
} from './workspaceEntitiesModel';

const ICONS: Record<WorkspaceNode['kind'], vscode.ThemeIcon> = {
  wlabel: new vscode.ThemeIcon('tag'),
  wentity: new vscode.ThemeIcon('symbol-key'),
  wfile: vscode.ThemeIcon.File,
};

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

export class WorkspaceEntitiesTree implements vscode.TreeDataProvider<WorkspaceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WorkspaceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  filter = '';
  private readonly unsubscribe: () => void;

  constructor(
    private readonly feed: WorkspaceEntitiesFeed,
    /** The command a file row runs, with [uri, range]. */
    private readonly revealCommand: string,
  ) {
    this.unsubscribe = feed.onDidChange(() => this.changed.fire(undefined));
  }

  /** The model as listed (filtered), or undefined before an answer. */
  listed(): WorkspaceEntities | undefined {
    const state = this.feed.state;
    return state.kind === 'ready' ? filterWorkspace(state.model, this.filter) : undefined;
  }

  counts(): { listed: number; total: number } | undefined {
    const state = this.feed.state;
    if (state.kind !== 'ready') return undefined;
    return { listed: workspaceEntityCount(filterWorkspace(state.model, this.filter)), total: workspaceEntityCount(state.model) };
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: WorkspaceNode): WorkspaceNode[] {
    if (node) return workspaceChildren(node);
    const model = this.listed();
    return model ? workspaceRoots(model) : [];
  }

  getTreeItem(node: WorkspaceNode): vscode.TreeItem {
    const row = workspaceRow(node, (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
    const item = new vscode.TreeItem(row.label, COLLAPSIBLE[row.collapsible]);
    item.id = row.id;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.contextValue = row.context;
    item.iconPath = ICONS[node.kind];
    if (node.kind === 'wfile') item.resourceUri = vscode.Uri.parse(node.uri);
    if (row.target) item.command = { title: 'Go to Mention', command: this.revealCommand, arguments: [row.target.uri, row.target.range] };
    return item;
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
  }
}
