// Palette commands of the probes feature (owned by the probes feature).
// extension.ts calls registerProbeCommands once at activation.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export function registerProbeCommands(
  _context: vscode.ExtensionContext,
  _getClient: () => LanguageClient | undefined,
  _log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  return [];
}
