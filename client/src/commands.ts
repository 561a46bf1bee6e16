// The client's palette commands. Probe commands live in ./probes. The highlighting toggles flip
// what the writer sees (highlightState.ts decides where to write), and the workspace toggle leaves
// no settings file behind once toggled back (workspaceSettingsFile.ts).
import * as vscode from 'vscode';
import * as config from './config';
import type { Ctx } from './ctx';
import { exportWorkspaceEntities, rescanWorkspace } from './workspaceIndex';
import { planToggle, type ToggleTarget } from './highlightState';
import { afterWorkspaceRemoval, beforeWorkspaceWrite } from './workspaceSettingsFile';

const TARGETS: Record<ToggleTarget, vscode.ConfigurationTarget> = {
  user: vscode.ConfigurationTarget.Global,
  workspace: vscode.ConfigurationTarget.Workspace,
  folder: vscode.ConfigurationTarget.WorkspaceFolder,
};

export function registerCommands(ctx: Ctx, context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('samsara.restart', () => ctx.restartSidecar()),
    vscode.commands.registerCommand('samsara.showLogs', () => ctx.log.show(true)),
    vscode.commands.registerCommand('samsara.toggleHighlighting', () => toggle(ctx, context, 'auto')),
    vscode.commands.registerCommand('samsara.toggleHighlightingInWorkspace', () => {
      if (!vscode.workspace.workspaceFolders?.length) {
        void vscode.window.showInformationMessage('Open a folder to toggle entity highlighting for it.');
        return;
      }
      return toggle(ctx, context, 'workspace');
    }),
    vscode.commands.registerCommand('samsara.exportWorkspaceEntities', () => exportWorkspaceEntities(ctx)),
    vscode.commands.registerCommand('samsara.rescanWorkspace', () => rescanWorkspace(ctx)),
    vscode.commands.registerCommand('samsara.openSample', () => openSample(context)),
  ];
}

async function toggle(ctx: Ctx, context: vscode.ExtensionContext, requested: 'auto' | 'workspace'): Promise<void> {
  const scope = vscode.window.activeTextEditor?.document.uri;
  const section = vscode.workspace.getConfiguration(config.SECTION, scope);
  const plan = planToggle(config.enableInspect(section), requested);
  const inWorkspace = plan.target !== 'user';
  if (inWorkspace && plan.value !== undefined) await beforeWorkspaceWrite(context.workspaceState);
  await section.update('enable', plan.value, TARGETS[plan.target]);
  if (inWorkspace && plan.value === undefined) await afterWorkspaceRemoval(context.workspaceState, ctx.log);
  const where = inWorkspace ? 'in this workspace' : 'everywhere';
  ctx.log.info(`Entity highlighting ${plan.on ? 'on' : 'off'} ${where}`);
  ctx.status.refreshHighlighting();
}

/**
 * The walkthrough's sample: a copy in the extension's storage, opened as a file (an untitled copy
 * would ask to be saved when closed). Kept if the writer edits it; written again only when missing.
 */
async function openSample(context: vscode.ExtensionContext): Promise<void> {
  const copy = vscode.Uri.joinPath(context.globalStorageUri, 'samsara-sample.md');
  try {
    await vscode.workspace.fs.stat(copy);
  } catch {
    const bytes = await vscode.workspace.fs.readFile(
      vscode.Uri.joinPath(context.extensionUri, 'client', 'media', 'walkthrough', 'sample.md'),
    );
    await vscode.workspace.fs.createDirectory(context.globalStorageUri);
    await vscode.workspace.fs.writeFile(copy, bytes);
  }
  await vscode.window.showTextDocument(copy, { preview: false });
}
