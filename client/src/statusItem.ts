// The language status item: the sidecar's state as the server reports it through
// `samsara/sidecarStatus`, or the client's own state when the server is not running at all.
import * as vscode from 'vscode';
import type { SidecarStatusParams } from '../../shared/lsp';
import { isDegraded, workersLabel } from './workersLabel';

export class StatusItem implements vscode.Disposable {
  private readonly state: vscode.LanguageStatusItem;
  private readonly logs: vscode.LanguageStatusItem;

  constructor(selector: vscode.DocumentSelector) {
    this.state = vscode.languages.createLanguageStatusItem('samsara.sidecar', selector);
    this.state.name = 'Samsara sidecar';
    this.state.command = { title: 'Restart', command: 'samsara.restart', tooltip: 'Restart the Samsara sidecar' };
    // A language status item carries one action; the logs get their own item next to it.
    this.logs = vscode.languages.createLanguageStatusItem('samsara.logs', selector);
    this.logs.name = 'Samsara logs';
    this.logs.text = '$(output) Samsara logs';
    this.logs.command = { title: 'Show Logs', command: 'samsara.showLogs' };
    this.show({ state: 'starting' });
  }

  set selector(selector: vscode.DocumentSelector) {
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
    switch (status.state) {
      case 'starting':
        item.text = 'Samsara: starting';
        item.detail = 'loading the spaCy pipeline';
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
        item.text = 'Samsara: restarting';
        item.detail = status.reason;
        break;
      case 'stopped':
        item.text = '$(error) Samsara: stopped';
        item.detail = status.reason;
        break;
    }
  }

  dispose(): void {
    this.state.dispose();
    this.logs.dispose();
  }
}
