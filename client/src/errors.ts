// Errors the user sees: one line in a notification with a "Show Logs" action, the details in the
// log. The output channel itself never takes focus.
import * as vscode from 'vscode';

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function showErrorWithLogs(log: vscode.LogOutputChannel, message: string): void {
  log.error(message);
  void vscode.window.showErrorMessage(message, 'Show Logs').then((choice) => {
    if (choice === 'Show Logs') log.show(true);
  });
}
