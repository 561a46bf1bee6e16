// The client's palette commands. Probe commands live in ./probes.
import * as vscode from 'vscode';
import * as config from './config';
import type { Ctx } from './ctx';
import { exportWorkspaceEntities, rescanWorkspace } from './workspaceIndex';

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('samsara.restart', () => ctx.restartSidecar()),
    vscode.commands.registerCommand('samsara.showLogs', () => ctx.log.show(true)),
    vscode.commands.registerCommand('samsara.toggleHighlighting', () => toggle(ctx, vscode.ConfigurationTarget.Global, 'everywhere')),
    vscode.commands.registerCommand('samsara.toggleHighlightingInWorkspace', () => {
      if (!vscode.workspace.workspaceFolders?.length) {
        void vscode.window.showInformationMessage('Open a folder to toggle entity highlighting for it.');
        return;
      }
      return toggle(ctx, vscode.ConfigurationTarget.Workspace, 'in this workspace');
    }),
    vscode.commands.registerCommand('samsara.exportWorkspaceEntities', () => exportWorkspaceEntities(ctx)),
    vscode.commands.registerCommand('samsara.rescanWorkspace', () => rescanWorkspace(ctx)),
  ];
}

async function toggle(ctx: Ctx, target: vscode.ConfigurationTarget, where: string): Promise<void> {
  const next = !config.enabledIn(target);
  await vscode.workspace.getConfiguration(config.SECTION).update('enable', next, target);
  ctx.log.info(`Entity highlighting ${next ? 'on' : 'off'} ${where}`);
  void vscode.window.setStatusBarMessage(`Samsara: entity highlighting ${next ? 'on' : 'off'} ${where}`, 3000);
}
