// What happens once Samsara is installed, before any document asks for it. The extension activates
// when the editor has started (so a new user sees it at once), shows its walkthrough the first
// time only (unless the user turned walkthroughs-on-install off), and starts the language server
// and its model when the workspace holds files of the configured languages, when such a document
// opens, or when a command needs it: a window without prose never pays for a spaCy pipeline.
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

/** File names of the prose languages (samsara.languages' ids), for a workspace holding prose. */
const PROSE_FILES: Record<string, string[]> = {
  markdown: ['md', 'markdown'],
  plaintext: ['txt'],
  latex: ['tex'],
  tex: ['tex'],
  restructuredtext: ['rst'],
  typst: ['typ'],
};

/** A glob of the files of these languages, or undefined when none has a file name of its own. */
export function proseGlob(languages: readonly string[]): string | undefined {
  const extensions = [...new Set(languages.flatMap((language) => PROSE_FILES[language] ?? []))];
  if (extensions.length === 0) return undefined;
  return extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(',')}}`;
}

/**
 * Starts the client now if a document wants it, or if the workspace holds prose (the language
 * model loads while the writer is still choosing a file: the first document opens coloured);
 * else when the first document of the configured languages opens.
 */
export function startWhenNeeded(ctx: Ctx, log: vscode.LogOutputChannel): vscode.Disposable {
  const wants = (document: vscode.TextDocument): boolean => vscode.languages.match(documentSelector(config.languages(log)), document) > 0;
  if (vscode.workspace.textDocuments.some(wants)) {
    void ctx.ensureStarted();
    return new vscode.Disposable(() => undefined);
  }
  let started = false;
  const activated = Date.now();
  const start = (why: string): void => {
    if (started) return;
    started = true;
    listener.dispose();
    log.info(`Starting the language model: ${why} (${Date.now() - activated} ms after activation)`);
    void ctx.ensureStarted();
  };
  const listener = vscode.workspace.onDidOpenTextDocument((document) => {
    if (wants(document)) start(`${vscode.workspace.asRelativePath(document.uri)} opened`);
  });
  const glob = proseGlob(config.languages(log));
  if (glob && (vscode.workspace.workspaceFolders?.length ?? 0) > 0) {
    // One file is enough; the search honours files.exclude and search.exclude.
    void Promise.resolve(vscode.workspace.findFiles(glob, undefined, 1)).then(
      (found) => {
        if (found[0]) start(`the workspace holds prose (${vscode.workspace.asRelativePath(found[0])})`);
      },
      (error: unknown) => log.debug(`Looking for prose in the workspace failed: ${String(error)}`),
    );
  }
  return listener;
}
