// Entry point: creates the log channel and the client context, registers the commands, starts
// the language server. Everything else lives in ctx.ts (lifecycle) and its helpers.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { registerProbeCommands } from './probes';

let ctx: Ctx | undefined;

/** What activate returns: used by the desktop e2e suite to read the client's state. */
export interface SamsaraApi {
  sidecarState(): string;
}

export async function activate(context: vscode.ExtensionContext): Promise<SamsaraApi> {
  const log = vscode.window.createOutputChannel('Samsara', { log: true });
  const current = new Ctx(context, log);
  ctx = current;
  context.subscriptions.push(
    log,
    current,
    ...registerCommands(current),
    ...registerProbeCommands(context, () => current.languageClient, log),
    log.onDidChangeLogLevel(() => current.applyTrace()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('samsara.languages')) {
        log.info('samsara.languages changed; restarting the language client');
        void current.restartClient();
      } else if (event.affectsConfiguration('samsara.trace.server')) {
        current.applyTrace();
      }
    }),
    // Trust can only be granted, never revoked without a reload: settings the server ignored so
    // far may now apply.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void current.settingsChanged()),
  );
  await current.start();
  return { sidecarState: () => current.sidecarStatus.state };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
