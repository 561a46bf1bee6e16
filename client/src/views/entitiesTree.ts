// The Entities view's TreeDataProvider: the feed's model of the shown document, after the view's
// filter, as TreeItems. The tree's shape and rows come from entitiesModel.ts (unit-tested); this
// file only maps them onto the editor's classes.
import * as vscode from 'vscode';
import type { DocumentEntities } from '../../../shared/lsp';
import type { EntitiesFeed } from './entitiesFeed';
import { childNodes, entityCount, filterEntities, rootNodes, rowView, type EntitiesNode } from './entitiesModel';

/** The command a row runs when clicked (registered by entitiesView.ts). */
export const REVEAL_COMMAND = 'samsara.entities.reveal';

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntitiesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EntitiesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterText = '';
  private readonly unsubscribe: () => void;

  constructor(private readonly feed: EntitiesFeed) {
    this.unsubscribe = feed.onDidChange(() => this.changed.fire(undefined));
  }

  get filter(): string {
    return this.filterText;
  }

  set filter(value: string) {
    this.filterText = value.trim();
    this.changed.fire(undefined);
  }

  /** The shown document's model as the view lists it (filtered), or undefined when none is ready. */
  listed(): DocumentEntities | undefined {
    const state = this.feed.state;
    return state.kind === 'ready' ? filterEntities(state.model, this.filterText) : undefined;
  }

  /** Distinct entities listed, and in the whole document. */
  counts(): { listed: number; total: number } | undefined {
    const state = this.feed.state;
    if (state.kind !== 'ready') return undefined;
    return { listed: entityCount(filterEntities(state.model, this.filterText)), total: entityCount(state.model) };
  }

  getChildren(node?: EntitiesNode): EntitiesNode[] {
    if (node) return childNodes(node);
    const model = this.listed();
    return model ? rootNodes(model) : [];
  }

  getTreeItem(node: EntitiesNode): vscode.TreeItem {
    const row = rowView(node, (line) => lineOf(node.uri, line));
    const item = new vscode.TreeItem(
      row.highlight ? { label: row.label, highlights: [row.highlight] } : row.label,
      COLLAPSIBLE[row.collapsible],
    );
    item.id = row.id;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.contextValue = row.context;
    item.accessibilityInformation = { label: row.accessibleLabel };
    if (row.icon) item.iconPath = new vscode.ThemeIcon(row.icon);
    if (row.target) item.command = { title: 'Go to Mention', command: REVEAL_COMMAND, arguments: [node.uri, row.target] };
    return item;
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
  }
}

/** A line of an open document, for a mention's context (the live text, as the user types). */
function lineOf(uri: string, line: number): string | undefined {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
  return document && line < document.lineCount ? document.lineAt(line).text : undefined;
}
