// The language status items, shown for the configured languages from activation on (before the
// model is ready): whether entity highlighting is on for this document and why, with a one-click
// toggle; the sidecar's state as the server reports it through `samsara/sidecarStatus` (or the
// client's own state when the server is not running at all); and the logs.
import * as vscode from 'vscode';
import type { SidecarStatusParams } from '../../shared/lsp';
import { enableInspect, SECTION } from './config';
import { enableReason, enableState } from './highlightState';
import { isDegraded, workersLabel } from './workersLabel';

/** The formats the server reads prose of (server/src/text/formats/formatProse.ts), by language id. */
const FORMATS: Readonly<Record<string, string>> = {
  plaintext: 'plain text',
  markdown: 'Markdown',
  latex: 'LaTeX',
  tex: 'LaTeX',
  restructuredtext: 'reStructuredText',
  typst: 'Typst',
  asciidoc: 'AsciiDoc',
  org: 'Org',
};

export function documentFormat(languageId: string | undefined): string | undefined {
  return languageId === undefined ? undefined : FORMATS[languageId];
}

export const LOADING_TEXT = 'Samsara: loading the language model…';

export class StatusItem implements vscode.Disposable {
  private readonly highlighting: vscode.LanguageStatusItem;
  private readonly state: vscode.LanguageStatusItem;
  private readonly logs: vscode.LanguageStatusItem;
  /**
   * The words in the status bar itself while the model loads: a language status item shows its
   * text only on hover, and a writer looking at plain text needs to read why, without looking.
   */
  private readonly loading: vscode.StatusBarItem;
  private readonly listeners: vscode.Disposable[];

  constructor(selector: vscode.DocumentSelector) {
    // First: what a writer asks first is "is it on?".
    this.highlighting = vscode.languages.createLanguageStatusItem('samsara.highlighting', selector);
    this.highlighting.name = 'Samsara entity highlighting';
    this.listeners = [
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshHighlighting()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.enable`) || event.affectsConfiguration(`${SECTION}.hiddenLabels`))
          this.refreshHighlighting();
      }),
    ];
    this.refreshHighlighting();
    this.state = vscode.languages.createLanguageStatusItem('samsara.sidecar', selector);
    this.state.name = 'Samsara sidecar';
    this.state.command = { title: 'Restart', command: 'samsara.restart', tooltip: 'Restart the Samsara sidecar' };
    // A language status item carries one action; the logs get their own item next to it.
    this.logs = vscode.languages.createLanguageStatusItem('samsara.logs', selector);
    this.logs.name = 'Samsara logs';
    this.logs.text = '$(output) Samsara logs';
    this.logs.command = { title: 'Show Logs', command: 'samsara.showLogs' };
    this.loading = vscode.window.createStatusBarItem('samsara.loading', vscode.StatusBarAlignment.Left, 100);
    this.loading.name = 'Samsara loading';
    this.loading.command = 'samsara.showLogs';
    this.show({ state: 'starting' });
  }

  set selector(selector: vscode.DocumentSelector) {
    this.highlighting.selector = selector;
    this.state.selector = selector;
    this.logs.selector = selector;
  }

  show(status: SidecarStatusParams): void {
    const item = this.state;
    item.busy = status.state === 'starting' || status.state === 'restarting';
    item.severity =
      status.state === 'stopped'
        ? vscode.LanguageStatusSeverity.Error
        : status.state === 'ready' && isDegraded(status)
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    this.showLoading(status);
    switch (status.state) {
      case 'starting':
        item.text = LOADING_TEXT;
        item.detail = undefined;
        break;
      case 'ready':
        item.text = `$(check) Samsara: ready${workersLabel(status)}`;
        // When some workers are down, why (the server names them in `reason`).
        item.detail =
          [status.model ? `${status.model}${status.modelVersion ? ` ${status.modelVersion}` : ''}` : undefined, status.reason]
            .filter(Boolean)
            .join(' — ') || undefined;
        break;
      case 'restarting':
        item.text = 'Samsara: restarting the language model…';
        item.detail = status.reason;
        break;
      case 'stopped':
        item.text = '$(error) Samsara: stopped';
        item.detail = status.reason;
        break;
    }
  }

  /** Visible while the model loads, gone once it is ready or stopped (the language status says why). */
  private showLoading(status: SidecarStatusParams): void {
    if (status.state === 'starting' || status.state === 'restarting') {
      this.loading.text = `$(loading~spin) ${status.state === 'starting' ? LOADING_TEXT : 'Samsara: restarting the language model…'}`;
      this.loading.tooltip = status.reason ?? 'Entities are coloured once the language model is loaded. Click for the logs.';
      this.loading.show();
    } else this.loading.hide();
  }

  /** On or off for the active document, and why; the action turns it the other way. */
  refreshHighlighting(): void {
    const section = vscode.workspace.getConfiguration(SECTION, vscode.window.activeTextEditor?.document.uri);
    const inspected = enableInspect(section);
    const hidden = section.get<unknown>('hiddenLabels');
    const { on } = enableState(inspected);
    const item = this.highlighting;
    item.text = on ? '$(eye) Entity highlighting: on' : '$(eye-closed) Entity highlighting: off';
    const reason = enableReason(inspected, Array.isArray(hidden) ? hidden.filter((l): l is string => typeof l === 'string') : []);
    // The format the document's prose is read in (LaTeX without its commands and math, …).
    const format = documentFormat(vscode.window.activeTextEditor?.document.languageId);
    item.detail = [reason, format && `read as ${format}`].filter(Boolean).join(' — ') || undefined;
    item.command = {
      title: on ? 'Turn Off' : 'Turn On',
      command: 'samsara.toggleHighlighting',
      tooltip: on ? 'Turn entity highlighting off' : 'Turn entity highlighting on',
    };
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    this.highlighting.dispose();
    this.state.dispose();
    this.logs.dispose();
    this.loading.dispose();
  }
}
