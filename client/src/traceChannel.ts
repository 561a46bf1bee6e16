// The channel vscode-languageclient writes its LSP trace and untyped server lines to: each line
// goes to the "Samsara" log without the client's own "[Trace - 10:20:30 AM] " stamp (the log
// stamps every line once). Pure apart from the channel it writes to, so unit tests read it.
import type * as vscode from 'vscode';

export const CLIENT_STAMP = /^\[(?:Trace|LSP|Info|Warn|Error|Debug) *- [^\]]*\] /;

/**
 * The channel the client writes the LSP trace and untyped server lines to: each line goes to the
 * log without the client's stamp. A trace entry comes as append(stamp) + appendLine(payload).
 */
export class TraceChannel implements vscode.OutputChannel {
  private pending = '';

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** How a line is written (the trace: at the level that shows it, see clientLog.ts). */
    private readonly write: (log: vscode.LogOutputChannel, line: string) => void,
  ) {}

  get name(): string {
    return this.log.name;
  }

  append(value: string): void {
    this.pending += value;
  }

  appendLine(value: string): void {
    const line = `${this.pending}${value}`.replace(CLIENT_STAMP, '');
    this.pending = '';
    if (line.trim() !== '') this.write(this.log, line);
  }

  replace(value: string): void {
    this.pending = '';
    this.appendLine(value);
  }

  clear(): void {
    this.pending = '';
  }

  show(columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    this.log.show(typeof columnOrPreserve === 'boolean' ? columnOrPreserve : preserveFocus);
  }

  hide(): void {
    this.log.hide();
  }

  dispose(): void {
    this.pending = '';
  }
}
