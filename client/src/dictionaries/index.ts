// "Samsara: Add Names to Spelling Dictionaries" (addNamesCommand.ts), registered at activation.
import * as vscode from 'vscode';
import { ClientCommands } from '../../../shared/lsp';
import { describeError, showErrorWithLogs } from '../errors';
import { addNamesToDictionaries } from './addNamesCommand';
import { runningClient, type ClientHandle } from '../runningClient';

export function registerDictionaryCommands(handle: ClientHandle, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(ClientCommands.addNamesToDictionaries, async () => {
      await handle.ensureStarted();
      try {
        await addNamesToDictionaries(
          runningClient(() => handle.languageClient),
          log,
        );
      } catch (error) {
        showErrorWithLogs(log, `Samsara could not add the names to the dictionaries: ${describeError(error)}`);
      }
    }),
  ];
}
