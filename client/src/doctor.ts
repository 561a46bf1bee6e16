// "Samsara: Doctor": the language server builds the report (the same builder as `samsara doctor`
// on the command line) and the editor shows it rendered (markdownPanel.ts). Where a provider has
// no key, the report gets "Set API Key…" links (command: URIs, the only command the page may run)
// and a notification offers the same action.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DoctorRequest, doctorResultSchema } from '../../shared/lsp';
import { providerLabel } from '../../shared/probes/providers';
import { MarkdownPanel } from './markdownPanel';
import { allApiKeys } from './probes/apiKeys';

/** The Markdown the editor shows: the server's report, plus an action per missing key. */
export function withKeyActions(markdown: string, missingKeys: readonly string[]): string {
  if (missingKeys.length === 0) return markdown;
  const links = missingKeys.map(
    (id) => `- ${providerLabel(id)}: [Set API Key…](command:samsara.setApiKey?${encodeURIComponent(JSON.stringify([id]))})`,
  );
  return `${markdown.trimEnd()}\n\n## Actions\n\n${links.join('\n')}\n`;
}

export class DoctorView implements vscode.Disposable {
  private readonly panel = new MarkdownPanel({ viewType: 'samsara.doctor', title: 'Samsara Doctor', commands: ['samsara.setApiKey'] });

  async run(client: LanguageClient, secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<void> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Samsara: running the doctor…' },
      async () =>
        doctorResultSchema.parse(
          await client.sendRequest(DoctorRequest, { apiKeys: await allApiKeys(secrets), trusted: vscode.workspace.isTrusted }),
        ),
    );
    await this.panel.show(withKeyActions(result.markdown, result.missingKeys));
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
    this.panel.dispose();
  }
}
