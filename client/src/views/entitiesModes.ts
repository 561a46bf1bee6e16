// The Entities view shows one of two trees: the shown document's entities, or the workspace's
// (label → entity → files, from the workspace index). A tree view keeps the provider it was
// created with, so this one delegates to the tree of the current mode and tells the view when
// the mode changes.
import * as vscode from 'vscode';
import type { EntitiesNode } from './entitiesModel';
import type { EntitiesTreeProvider } from './entitiesTree';
import type { WorkspaceEntitiesTree } from './workspaceEntitiesTree';
import type { WorkspaceNode } from './workspaceEntitiesModel';

export type EntitiesMode = 'document' | 'workspace';
type Node = EntitiesNode | WorkspaceNode;

function isWorkspaceNode(node: Node): node is WorkspaceNode {
  return node.kind === 'wlabel' || node.kind === 'wentity' || node.kind === 'wfile';
}

export class EntitiesModes implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private current: EntitiesMode = 'document';
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly documentTree: EntitiesTreeProvider,
    private readonly workspaceTree: WorkspaceEntitiesTree,
  ) {
    this.subscriptions = [
      documentTree.onDidChangeTreeData((node) => this.current === 'document' && this.changed.fire(node ?? undefined)),
      workspaceTree.onDidChangeTreeData((node) => this.current === 'workspace' && this.changed.fire(node ?? undefined)),
    ];
  }

  get mode(): EntitiesMode {
    return this.current;
  }

  set mode(mode: EntitiesMode) {
    if (mode === this.current) return;
    this.current = mode;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (node) return isWorkspaceNode(node) ? this.workspaceTree.getChildren(node) : this.documentTree.getChildren(node);
    return this.current === 'workspace' ? this.workspaceTree.getChildren() : this.documentTree.getChildren();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return isWorkspaceNode(node) ? this.workspaceTree.getTreeItem(node) : this.documentTree.getTreeItem(node);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
