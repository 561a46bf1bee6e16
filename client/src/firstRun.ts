// What happens once Samsara is installed, before any document asks for it. The extension activates
// when the editor has started (so a new user sees it at once), shows its walkthrough the first
// time only (unless the user turned walkthroughs-on-install off), and starts the language server
// and its model only when a document of the configured languages is open, or a command needs it:
// a window of code never pays for a spaCy pipeline.
import * as vscode from 'vscode';
import * as config from './config';
import { documentSelector, type Ctx } from './ctx';

export const WALKTHROUGH_ID = 'samsara-dev.samsara#samsara.firstRun';
const SHOWN = 'samsara.walkthroughShown';

/** Opens the walkthrough on the first activation after install; never again. */
export async function showWalkthroughOnce(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  if (context.globalState.get<boolean>(SHOWN)) return;
  await context.globalState.update(SHOWN, true);
  // The editor's own switch for walkthroughs on install is respected here too.
  if (vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall') === false) return;
  try {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  } catch (error) {
    log.debug(`The walkthrough could not be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Starts the client now if a document wants it, else when the first one opens. */
export function startWhenNeeded(ctx: Ctx, log: vscode.LogOutputChannel): vscode.Disposable {
  const wants = (document: vscode.TextDocument): boolean => vscode.languages.match(documentSelector(config.languages(log)), document) > 0;
  if (vscode.workspace.textDocuments.some(wants)) {
    void ctx.ensureStarted();
    return new vscode.Disposable(() => undefined);
  }
  const listener = vscode.workspace.onDidOpenTextDocument((document) => {
    if (!wants(document)) return;
    listener.dispose();
    void ctx.ensureStarted();
  });
  return listener;
}
