// The editor's commands of the workspace index: export it as CSV or JSON Lines to a file the user
// picks (the server formats the rows, the same ones `samsara entities` prints), and scan again.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { z } from 'zod';
import { ExportWorkspaceEntitiesRequest, WorkspaceCommands, type ExportFormat } from '../../shared/lsp';
import type { Ctx } from './ctx';
import { describeError, showErrorWithLogs } from './errors';
import { runningClient } from './runningClient';

const exportAnswerSchema = z.object({ content: z.string(), rows: z.number().int().nonnegative() });

const FORMATS: readonly { label: string; description: string; format: ExportFormat; extension: string }[] = [
  { label: 'CSV', description: 'one row per mention, for a spreadsheet', format: 'csv', extension: 'csv' },
  { label: 'JSON Lines', description: 'one JSON object per mention, for a script', format: 'jsonl', extension: 'jsonl' },
];

/** The client, started first if no document has started it yet. */
async function startedClient(ctx: Ctx) {
  await ctx.ensureStarted();
  try {
    return runningClient(() => ctx.languageClient);
  } catch (error) {
    void vscode.window.showWarningMessage(`Samsara: ${describeError(error)}`);
    return undefined;
  }
}

export async function exportWorkspaceEntities(ctx: Ctx): Promise<void> {
  const client = await startedClient(ctx);
  if (!client) return;
  const picked = await vscode.window.showQuickPick(FORMATS, { title: 'Samsara: Export workspace entities', placeHolder: 'Format' });
  if (!picked) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Samsara: Export workspace entities',
    filters: { [picked.label]: [picked.extension] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `entities.${picked.extension}`) } : {}),
  });
  if (!target) return;
  try {
    // Checked with a schema: a server of another version may send anything.
    const answer = exportAnswerSchema.parse(await client.sendRequest(ExportWorkspaceEntitiesRequest, { format: picked.format }));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(answer.content));
    ctx.log.info(`Exported ${answer.rows} entity mentions to ${target.fsPath}`);
    void vscode.window.showInformationMessage(`Samsara: ${answer.rows} mentions exported to ${vscode.workspace.asRelativePath(target)}.`);
  } catch (error) {
    showErrorWithLogs(ctx.log, `Samsara could not export the workspace entities: ${describeError(error)}`);
  }
}

export async function rescanWorkspace(ctx: Ctx): Promise<void> {
  const client = await startedClient(ctx);
  if (!client) return;
  try {
    await client.sendRequest(ExecuteCommandRequest.type, { command: WorkspaceCommands.rescan, arguments: [] });
  } catch (error) {
    showErrorWithLogs(ctx.log, `Samsara could not scan the workspace: ${describeError(error)}`);
  }
}
