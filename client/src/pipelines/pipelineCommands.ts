// Language pipelines in the editor: downloading one (a progress notification with Cancel),
// installing one from a wheel or folder (offline machines), and the manage list (installed
// pipelines with their size, removable; the catalogue's, downloadable). Every failure is shown
// as the server words it: what happened and what to do.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  InstallPipelineRequest,
  type InstallPipelineParams,
  type InstallPipelineResult,
  type InstalledPipelineInfo,
  PipelineListRequest,
  PipelineProgressNotification,
  RemovePipelineRequest,
} from '../../../shared/pipelines';

export type ClientOf = () => LanguageClient | undefined;

function megabytes(bytes: number | null | undefined): string {
  return bytes ? `${(bytes / 1e6).toFixed(1)} MB` : 'size unknown';
}

function requireClient(clientOf: ClientOf): LanguageClient | undefined {
  const client = clientOf();
  if (!client?.isRunning()) void vscode.window.showWarningMessage('Samsara is not running: open a document it analyses first.');
  return client?.isRunning() ? client : undefined;
}

/** The mirror from the user's own settings only: a workspace cannot redirect downloads. */
function mirrorUrl(): string {
  const value = vscode.workspace.getConfiguration('samsara').inspect<string>('pipelines.mirrorUrl')?.globalValue;
  return typeof value === 'string' ? value.trim() : '';
}

async function install(clientOf: ClientOf, params: InstallPipelineParams, title: string): Promise<InstallPipelineResult | undefined> {
  const client = requireClient(clientOf);
  if (!client) return undefined;
  const result = await vscode.window.withProgress(
    // Cancellable from a file too: a Japanese pipeline downloads its dictionary.
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      let reported = 0;
      let part: string | undefined;
      const listener = client.onNotification(PipelineProgressNotification, (update) => {
        // A second part (the Japanese dictionary after its pipeline) starts the bar again.
        if (update.part !== part) [part, reported] = [update.part, 0];
        const what = part ? `${part}: ` : '';
        if (!update.total) return progress.report({ message: `${what}${megabytes(update.received)}` });
        const percent = (100 * update.received) / update.total;
        progress.report({
          increment: Math.max(0, percent - reported),
          message: `${what}${megabytes(update.received)} of ${megabytes(update.total)}`,
        });
        reported = percent;
      });
      try {
        return await client.sendRequest(InstallPipelineRequest, params, token);
      } finally {
        listener.dispose();
      }
    },
  );
  if (result.ok && 'support' in result)
    void vscode.window.showInformationMessage(
      `Installed ${result.support.what} (${result.support.name} ${result.support.version}, ${megabytes(result.support.sizeBytes)}). Now install the pipeline that needs it.`,
    );
  else if (result.ok)
    void vscode.window.showInformationMessage(
      `Installed ${result.pipeline.languageName} (${result.pipeline.name} ${result.pipeline.version}, ${megabytes(result.pipeline.sizeBytes)}${supportNote(result.pipeline)}).`,
    );
  else if (result.kind === 'cancelled') void vscode.window.showInformationMessage(result.message);
  else void vscode.window.showErrorMessage(result.message);
  return result;
}

/** ", with the Japanese dictionary, 202.3 MB" for a pipeline whose language needs more than itself. */
function supportNote(pipeline: InstalledPipelineInfo): string {
  return pipeline.support ? `, with ${pipeline.support.what}, ${megabytes(pipeline.support.sizeBytes)}` : '';
}

export function downloadPipeline(clientOf: ClientOf, name: string): Promise<InstallPipelineResult | undefined> {
  const mirror = mirrorUrl();
  return install(clientOf, { name, ...(mirror ? { mirror } : {}) }, `Samsara: downloading ${name}`);
}

export async function installPipelineFromFile(clientOf: ClientOf): Promise<void> {
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'A wheel file (.whl)', id: 'file' },
      { label: 'An unpacked pipeline folder', id: 'folder' },
    ],
    { title: 'Install a language pipeline from…' },
  );
  if (!kind) return;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: kind.id === 'file',
    canSelectFolders: kind.id === 'folder',
    canSelectMany: false,
    ...(kind.id === 'file' ? { filters: { 'spaCy pipeline or dictionary wheel': ['whl'] } } : {}),
    openLabel: 'Install',
  });
  if (!picked?.[0]) return;
  const mirror = mirrorUrl();
  await install(
    clientOf,
    { file: picked[0].fsPath, ...(mirror ? { mirror } : {}) },
    `Samsara: installing ${picked[0].path.split('/').pop() ?? 'pipeline'}`,
  );
}

interface ManageItem extends vscode.QuickPickItem {
  action?: { remove: string } | { download: string } | { fromFile: true };
}

export async function managePipelines(clientOf: ClientOf): Promise<void> {
  const client = requireClient(clientOf);
  if (!client) return;
  const list = await client.sendRequest(PipelineListRequest);
  const installedNames = new Set(list.installed.map((pipeline) => pipeline.name));
  const items: ManageItem[] = [
    { label: 'Installed', kind: vscode.QuickPickItemKind.Separator },
    ...list.installed.map((pipeline) => ({
      label: `$(trash) ${pipeline.languageName}: ${pipeline.name} ${pipeline.version}`,
      description: `${megabytes(pipeline.sizeBytes)}${pipeline.support ? ` + ${pipeline.support.what}, ${megabytes(pipeline.support.sizeBytes)}` : ''}`,
      detail: `Labels ${pipeline.labels.join(', ')} · ${pipeline.path}`,
      action: { remove: pipeline.name },
    })),
    ...(list.installed.length === 0 ? [{ label: 'No language pipeline installed yet', description: `(they go to ${list.folder})` }] : []),
    { label: '$(folder-opened) Install from File…', action: { fromFile: true } },
    { label: 'Available', kind: vscode.QuickPickItemKind.Separator },
    ...list.offered
      .filter((row) => !installedNames.has(row.name))
      .map((row) => ({
        label: `${row.downloadable ? '$(cloud-download)' : '$(circle-slash)'} ${row.languageName}: ${row.name} ${row.version}`,
        description: `${megabytes(row.sizeBytes)} · ${row.licence}`,
        ...(row.why ? { detail: row.why } : {}),
        ...(row.downloadable ? { action: { download: row.name } } : {}),
      })),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: 'Samsara: Language Pipelines',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  const action = choice?.action;
  if (!action) return;
  if ('fromFile' in action) return installPipelineFromFile(clientOf);
  if ('download' in action) {
    await downloadPipeline(clientOf, action.download);
    return;
  }
  const confirm = await vscode.window.showWarningMessage(
    `Remove ${action.remove}? Documents in its language will no longer be highlighted.`,
    { modal: true },
    'Remove',
  );
  if (confirm !== 'Remove') return;
  const { removed } = await client.sendRequest(RemovePipelineRequest, { name: action.remove });
  void vscode.window.showInformationMessage(removed ? `Removed ${action.remove}.` : `${action.remove} was not installed.`);
}
