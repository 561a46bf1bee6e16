// "Samsara: Add Names to Spelling Dictionaries" (addNamesCommand.ts), registered at activation.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClientCommands } from '../../../shared/lsp';
import { describeError, showErrorWithLogs } from '../errors';
import { addNamesToDictionaries } from './addNamesCommand';

/** The client's lifecycle as this command needs it (ctx.ts). */
export interface ClientHandle {
  readonly languageClient: LanguageClient | undefined;
  /** Starts the language server if no document has yet. */
  ensureStarted(): Promise<void>;
}

export function registerDictionaryCommands(handle: ClientHandle, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(ClientCommands.addNamesToDictionaries, async () => {
      await handle.ensureStarted();
      const client = handle.languageClient;
      if (!client?.isRunning()) {
        showErrorWithLogs(log, 'Samsara: the language server is not running');
        return;
      }
      try {
        await addNamesToDictionaries(client, log);
      } catch (error) {
        showErrorWithLogs(log, `Samsara could not add the names to the dictionaries: ${describeError(error)}`);
      }
    }),
  ];
}
