// The "Samsara" log, with every API key the extension knows removed before a line is written.
// Keys have to travel to the language server inside LSP messages, and a verbose trace writes
// every message to this channel; rather than trust each caller, the channel itself redacts: the
// whole key, and any stretch of text made of 8-character slices of one (shared/redact.ts). The
// language client's output and trace channels are this channel, so nothing reaches the log (or the
// log file on disk) unredacted, at any level.
import * as vscode from 'vscode';
import { redactText } from '../../shared/redact';

/** The secrets the log must never show; a key is added before it is ever sent anywhere. */
export class SecretSet {
  private readonly values = new Set<string>();

  add(secret: string | undefined): void {
    const value = secret?.trim();
    if (value) this.values.add(value);
  }

  delete(secret: string | undefined): void {
    const value = secret?.trim();
    if (value) this.values.delete(value);
  }

  list(): string[] {
    return [...this.values];
  }

  redact(text: string): string {
    return this.values.size === 0 ? text : redactText(text, this.values);
  }
}

function format(message: string | Error, args: unknown[]): string {
  const head = message instanceof Error ? (message.stack ?? message.message) : message;
  const rest = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : safeJson(a)));
  return [head, ...rest].join(' ');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A LogOutputChannel that redacts every secret of `secrets` from everything written to it. */
export class RedactingLogChannel implements vscode.LogOutputChannel {
  constructor(
    private readonly inner: vscode.LogOutputChannel,
    private readonly secrets: SecretSet,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get logLevel(): vscode.LogLevel {
    return this.inner.logLevel;
  }

  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.inner.onDidChangeLogLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    this.inner.trace(this.secrets.redact(format(message, args)));
  }

  debug(message: string, ...args: unknown[]): void {
    this.inner.debug(this.secrets.redact(format(message, args)));
  }

  info(message: string, ...args: unknown[]): void {
    this.inner.info(this.secrets.redact(format(message, args)));
  }

  warn(message: string, ...args: unknown[]): void {
    this.inner.warn(this.secrets.redact(format(message, args)));
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.inner.error(this.secrets.redact(format(error, args)));
  }

  append(value: string): void {
    this.inner.append(this.secrets.redact(value));
  }

  appendLine(value: string): void {
    this.inner.appendLine(this.secrets.redact(value));
  }

  replace(value: string): void {
    this.inner.replace(this.secrets.redact(value));
  }

  clear(): void {
    this.inner.clear();
  }

  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(first?: boolean | vscode.ViewColumn, preserveFocus?: boolean): void {
    if (typeof first === 'boolean' || first === undefined) this.inner.show(first);
    else this.inner.show(first, preserveFocus);
  }

  hide(): void {
    this.inner.hide();
  }

  dispose(): void {
    this.inner.dispose();
  }
}
