// "Samsara: Doctor": the language server builds the report (the same builder as `samsara doctor`
// on the command line) and the editor shows it as a read-only Markdown document. Where a
// provider has no key, the report gets "Set API Key…" links (command: URIs, made clickable here
// by a link provider for this document only) and a notification offers the same action.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DoctorRequest, doctorResultSchema } from '../../shared/lsp';
import { providerLabel } from '../../shared/probes/providers';
import { allApiKeys } from './probes/apiKeys';

export const DOCTOR_SCHEME = 'samsara-doctor';
const DOCTOR_URI = vscode.Uri.from({ scheme: DOCTOR_SCHEME, path: '/Samsara Doctor.md' });

/** The Markdown the editor shows: the server's report, plus an action per missing key. */
export function withKeyActions(markdown: string, missingKeys: readonly string[]): string {
  if (missingKeys.length === 0) return markdown;
  const links = missingKeys.map(
    (id) => `- ${providerLabel(id)}: [Set API Key…](command:samsara.setApiKey?${encodeURIComponent(JSON.stringify([id]))})`,
  );
  return `${markdown.trimEnd()}\n\n## Actions\n\n${links.join('\n')}\n`;
}

export class DoctorView implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private text = '# Samsara Doctor\n\nRunning the checks…\n';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registrations: vscode.Disposable[];
  readonly onDidChange = this.changed.event;

  constructor() {
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(DOCTOR_SCHEME, this),
      vscode.languages.registerDocumentLinkProvider({ scheme: DOCTOR_SCHEME }, this),
    ];
  }

  provideTextDocumentContent(): string {
    return this.text;
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    const text = document.getText();
    for (const match of text.matchAll(/\[([^\]]+)\]\((command:[^)\s]+)\)/g)) {
      const start = document.positionAt(match.index ?? 0);
      const end = document.positionAt((match.index ?? 0) + match[0].length);
      links.push(new vscode.DocumentLink(new vscode.Range(start, end), vscode.Uri.parse(match[2])));
    }
    return links;
  }

  async run(client: LanguageClient, secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<void> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Samsara: running the doctor…' },
      async () =>
        doctorResultSchema.parse(
          await client.sendRequest(DoctorRequest, { apiKeys: await allApiKeys(secrets), trusted: vscode.workspace.isTrusted }),
        ),
    );
    this.text = withKeyActions(result.markdown, result.missingKeys);
    this.changed.fire(DOCTOR_URI);
    const document = await vscode.workspace.openTextDocument(DOCTOR_URI);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: false });
    log.info(
      `Doctor: ${result.ok ? 'no blocking problem' : 'a blocking problem was found'}; providers without a key: ${result.missingKeys.join(', ') || 'none'}`,
    );
    if (result.missingKeys.length > 0) {
      const first = result.missingKeys[0];
      const more = result.missingKeys.length > 1 ? ` (and ${result.missingKeys.length - 1} more)` : '';
      const choice = await vscode.window.showInformationMessage(
        `Samsara Doctor: no API key for ${providerLabel(first)}${more}.`,
        'Set API Key…',
      );
      if (choice) await vscode.commands.executeCommand('samsara.setApiKey', first);
    }
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.changed.dispose();
  }
}
