// The server's log: window/logMessage with each line's level as the message type, so the
// editor's log shows it at that level (once, with the editor's own time stamp). Debug lines cross
// the connection only when the client's log shows them (its level, sent at initialize and on
// every change), or when SAMSARA_LOG=debug asks for them (another LSP client, a bench run).
import type { Connection } from 'vscode-languageserver';
import { LogLevelSchema, type LogLevelName } from '../../shared/lsp';
import type { Logger } from './logger';

export class ServerLog implements Logger {
  private debugShown: boolean;

  constructor(private readonly connection: Pick<Connection, 'console'>) {
    this.debugShown = process.env.SAMSARA_LOG === 'debug';
  }

  /** The client's log level, as sent (anything unreadable is ignored). */
  setLevel(raw: unknown): void {
    const level = LogLevelSchema.safeParse(raw);
    if (level.success) this.debugShown = isDebug(level.data) || process.env.SAMSARA_LOG === 'debug';
  }

  /** A client that traces verbosely wants everything (one without a log level of ours, too). */
  traceVerbose(): void {
    this.debugShown = true;
  }

  error(message: string): void {
    this.connection.console.error(message);
  }

  warn(message: string): void {
    this.connection.console.warn(message);
  }

  info(message: string): void {
    this.connection.console.info(message);
  }

  debug(message: string): void {
    if (this.debugShown) this.connection.console.debug(message);
  }
}

function isDebug(level: LogLevelName): boolean {
  return level === 'debug' || level === 'trace';
}
