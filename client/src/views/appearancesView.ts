// The "Where Names Appear" view (Explorer): per file of the workspace, in reading order
// (`.samsara/manuscript.yaml`, then by path), which names appear and how often, a click going to
// the first mention; or, for one entity (*Show Where a Name Appears…*), the files it appears in
// and the names it shares paragraphs with. Filter by label, export as CSV. Refreshed (coalesced)
// when the workspace index changes, and only while the view is visible.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AppearancesRequest, EntityPresenceRequest, WorkspaceIndexChangedNotification, type Appearances } from '../../../shared/lsp';
import type { Ctx } from '../ctx';
import { appearancesToCsv, fileNodes, parseAppearances, parsePresence, presenceNodes, type AppearanceNode } from './appearancesModel';

const VIEW_ID = 'samsara.appearances';
const REFRESH_DELAY_MS = 1000;
export const APPEARANCE_REVEAL = 'samsara.appearances.reveal';

class AppearancesTree implements vscode.TreeDataProvider<AppearanceNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  nodes: AppearanceNode[] = [];

  set(nodes: AppearanceNode[]): void {
    this.nodes = nodes;
    this.changed.fire();
  }

  getChildren(node?: AppearanceNode): AppearanceNode[] {
    if (!node) return this.nodes;
    return node.kind === 'file' || node.kind === 'section' ? node.children : [];
  }

  getTreeItem(node: AppearanceNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.kind === 'file' || node.kind === 'section' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    if (node.kind === 'file') {
      item.description = node.description;
      item.iconPath = vscode.ThemeIcon.File;
      item.resourceUri = vscode.Uri.parse(node.id.slice('file:'.length));
    } else if (node.kind === 'entity') {
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon('symbol-key');
      item.command = { title: 'Go to the first mention', command: APPEARANCE_REVEAL, arguments: [node.goTo] };
      item.contextValue = 'samsara.appearance';
    } else if (node.kind === 'companion') {
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon('person');
      item.command = { title: 'Where it appears', command: 'samsara.appearances.showEntity', arguments: [node.key] };
    }
    return item;
  }
}

export function registerAppearancesView(ctx: Ctx): vscode.Disposable[] {
  const tree = new AppearancesTree();
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  let labels: string[] = [];
  let entity: string | undefined;
  let last: Appearances | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ticket = 0;

  const request = async <T>(run: (client: LanguageClient) => Promise<T>): Promise<T | undefined> => {
    const client = ctx.languageClient;
    return client?.isRunning() ? run(client) : undefined;
  };

  const load = async (): Promise<void> => {
    if (!view.visible) return;
    const mine = ++ticket;
    try {
      if (entity !== undefined) {
        const key = entity;
        const raw = await request((client) => client.sendRequest(EntityPresenceRequest, { key }));
        if (mine !== ticket || raw === undefined) return;
        const presence = parsePresence(raw);
        if (presence && 'error' in presence) throw new Error(presence.error);
        view.title = presence ? `Where ${presence.name} Appears` : 'Where Names Appear';
        view.message = presence ? undefined : 'This name is no longer in the workspace.';
        tree.set(presence ? presenceNodes(presence) : []);
        return;
      }
      const raw = await request((client) => client.sendRequest(AppearancesRequest, labels.length > 0 ? { labels } : {}));
      if (mine !== ticket || raw === undefined) return;
      const parsed = parseAppearances(raw);
      if ('error' in parsed) throw new Error(parsed.error);
      last = parsed;
      view.title = 'Where Names Appear';
      view.description = labels.length > 0 ? labels.join(', ') : undefined;
      view.message = parsed.orderProblem
        ? `${parsed.orderProblem} — files are in path order.`
        : parsed.files.length === 0
          ? 'No names found in the workspace yet (indexing names runs in the background).'
          : undefined;
      tree.set(fileNodes(parsed));
    } catch (error) {
      if (mine !== ticket) return;
      ctx.log.warn(`Where Names Appear: ${error instanceof Error ? error.message : String(error)}`);
      view.message = 'Samsara could not list where names appear (see the log).';
    }
  };
  const soon = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void load();
    }, REFRESH_DELAY_MS);
  };

  return [
    view,
    { dispose: () => timer && clearTimeout(timer) },
    view.onDidChangeVisibility((event) => event.visible && void load()),
    ctx.onEveryClient((client) => {
      void load();
      return [client.onNotification(WorkspaceIndexChangedNotification, soon)];
    }),
    vscode.commands.registerCommand(APPEARANCE_REVEAL, async (goTo: { uri: string; range: vscode.Range }) => {
      const { start, end } = goTo.range;
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(goTo.uri));
      editor.selection = new vscode.Selection(end.line, end.character, start.line, start.character);
      editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.commands.registerCommand('samsara.appearances.showEntity', async (key?: unknown) => {
      if (typeof key !== 'string') {
        const names = (last?.files ?? []).flatMap((f) => f.entities);
        const unique = [...new Map(names.map((n) => [n.key, n])).values()].sort((a, b) => a.name.localeCompare(b.name));
        const picked = await vscode.window.showQuickPick(
          unique.map((n) => ({ label: n.name, description: n.label, key: n.key })),
          { title: 'Show Where a Name Appears', placeHolder: 'A name of the workspace' },
        );
        if (!picked) return;
        key = picked.key;
      }
      entity = key as string;
      await vscode.commands.executeCommand('setContext', 'samsara.appearancesMode', 'entity');
      await load();
    }),
    vscode.commands.registerCommand('samsara.appearances.showFiles', async () => {
      entity = undefined;
      await vscode.commands.executeCommand('setContext', 'samsara.appearancesMode', 'files');
      await load();
    }),
    vscode.commands.registerCommand('samsara.appearances.filterLabels', async () => {
      const all = [...new Set((last?.files ?? []).flatMap((f) => f.entities.map((e) => e.label)))].sort();
      const picked = await vscode.window.showQuickPick(
        all.map((label) => ({ label, picked: labels.includes(label) })),
        { title: 'Labels to list', canPickMany: true, placeHolder: 'None picked: every label' },
      );
      if (!picked) return;
      labels = picked.map((p) => p.label);
      await load();
    }),
    vscode.commands.registerCommand('samsara.appearances.exportCsv', async () => {
      if (!last) return;
      const folder = vscode.workspace.workspaceFolders?.[0];
      const target = await vscode.window.showSaveDialog({
        title: 'Export Where Names Appear as CSV',
        defaultUri: folder ? vscode.Uri.joinPath(folder.uri, 'names-by-file.csv') : undefined,
        filters: { CSV: ['csv'] },
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, Buffer.from(appearancesToCsv(last), 'utf8'));
      void vscode.window.setStatusBarMessage(`Samsara: exported ${vscode.workspace.asRelativePath(target)}`, 4000);
    }),
  ];
}
