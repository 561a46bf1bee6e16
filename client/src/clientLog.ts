// The language client's output, at the right level of the "Samsara" log. vscode-languageclient
// writes everything to a plain channel as "[Warn  - 10:20:30 AM] text": in a LogOutputChannel that
// became "[info] [Warn - …] text", two time stamps and the wrong level. Here its logging methods
// write to the log at their own level (the server's window/logMessage types arrive through them:
// Error, Warning, Info, Debug), and the trace goes to the log without its own stamp.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { LogLevelName } from '../../shared/lsp';

export { TraceChannel } from './traceChannel';

/** Extra lines the client attaches to a message (an error's stack, a JSON payload). */
function detail(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (data instanceof Error) return `\n${data.stack ?? data.message}`;
  if (typeof data === 'string') return `\n${data}`;
  try {
    return `\n${JSON.stringify(data, null, 2)}`;
  } catch {
    return `\n${String(data)}`;
  }
}

/** A LanguageClient whose messages keep their level in the log, stamped once (by the log). */
export class LevelledLanguageClient extends LanguageClient {
  constructor(
    id: string,
    name: string,
    serverOptions: ServerOptions,
    clientOptions: LanguageClientOptions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super(id, name, serverOptions, clientOptions);
  }

  override debug(message: string, data?: unknown): void {
    this.log.debug(`${message}${detail(data)}`);
  }

  override info(message: string, data?: unknown): void {
    this.log.info(`${message}${detail(data)}`);
  }

  override warn(message: string, data?: unknown): void {
    this.log.warn(`${message}${detail(data)}`);
  }

  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    this.log.error(`${message}${detail(data)}`);
    // 'force' is the client's word for "the user must know" (the server crashed for good).
    if (showNotification === 'force') {
      void vscode.window.showErrorMessage(`Samsara: ${message}`, 'Show Logs').then((choice) => {
        if (choice) this.log.show(true);
      });
    }
  }
}

/** Trace lines appear when the trace is on: at Trace level as trace, at Debug as debug, otherwise as info. */
export function writeAtShownLevel(log: vscode.LogOutputChannel, line: string): void {
  if (log.logLevel === vscode.LogLevel.Trace) log.trace(line);
  else if (log.logLevel === vscode.LogLevel.Debug) log.debug(line);
  else log.info(line);
}

/** The log's level as the server understands it. */
export function logLevelName(level: vscode.LogLevel): LogLevelName {
  switch (level) {
    case vscode.LogLevel.Off:
      return 'off';
    case vscode.LogLevel.Trace:
      return 'trace';
    case vscode.LogLevel.Debug:
      return 'debug';
    case vscode.LogLevel.Info:
      return 'info';
    case vscode.LogLevel.Warning:
      return 'warn';
    case vscode.LogLevel.Error:
      return 'error';
    default:
      return 'info';
  }
}
