// The Workspace mode of the Entities view: its feed (samsara/workspaceEntities, refreshed on
// samsara/workspaceIndexChanged) and tree, and what the view's chrome says in that mode: the
// context key of its welcome texts, the description (files indexed, scanning) and any error.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceEntitiesRequest, WorkspaceIndexChangedNotification } from '../../../shared/lsp';
import type { Ctx } from '../ctx';
import { WorkspaceEntitiesFeed } from './workspaceEntitiesFeed';
import { WorkspaceEntitiesTree } from './workspaceEntitiesTree';

/** Delay between the index's change notification and the request for the new overview (a scan sends many). */
const REFRESH_DELAY_MS = 1000;

export interface WorkspaceChrome {
  /** samsara.entitiesView: workspaceOff | workspaceWaiting | error | workspaceEmpty | filteredEmpty | ready */
  key: string;
  description: string;
  message: string | undefined;
}

export interface WorkspaceMode {
  feed: WorkspaceEntitiesFeed;
  tree: WorkspaceEntitiesTree;
  chrome(filter: string): WorkspaceChrome;
  /** Handlers on a (new) language client. */
  onClient(client: LanguageClient): vscode.Disposable[];
  dispose(): void;
}

export function createWorkspaceMode(ctx: Ctx, revealCommand: string): WorkspaceMode {
  const feed = new WorkspaceEntitiesFeed({
    request: async () => {
      const client = ctx.languageClient;
      if (!client?.isRunning()) return null;
      return client.sendRequest(WorkspaceEntitiesRequest, {});
    },
    schedule: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
    delayMs: REFRESH_DELAY_MS,
    warn: (message) => ctx.log.warn(message),
  });
  const tree = new WorkspaceEntitiesTree(feed, revealCommand);
  return {
    feed,
    tree,
    chrome(filter) {
      const state = feed.state;
      const filterNote = filter ? ` · filter "${filter}"` : '';
      if (state.kind !== 'ready') {
        return {
          key: state.kind === 'error' ? 'error' : 'workspaceWaiting',
          description: `Workspace${filterNote}`,
          message: state.kind === 'error' ? `Could not list the workspace's entities: ${state.message}` : undefined,
        };
      }
      const { model } = state;
      const counts = tree.counts();
      const key =
        !model.enabled && model.files === 0
          ? 'workspaceOff'
          : counts && counts.listed > 0
            ? 'ready'
            : counts?.total
              ? 'filteredEmpty'
              : 'workspaceEmpty';
      const files = `${model.files} ${model.files === 1 ? 'file' : 'files'}`;
      return { key, description: `Workspace · ${files}${model.scanning ? ', scanning…' : ''}${filterNote}`, message: undefined };
    },
    onClient(client) {
      feed.refresh();
      return [client.onNotification(WorkspaceIndexChangedNotification, () => feed.changed())];
    },
    dispose() {
      tree.dispose();
      feed.dispose();
    },
  };
}
