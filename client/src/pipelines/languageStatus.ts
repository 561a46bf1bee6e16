// The document's language in the status bar (a language status item): which language, and why
// (set in samsara.language, from front matter, detected with its confidence), with a one-click
// change; when no pipeline serves it, a warning that says so with the download one click away,
// and once per language per session a notification offering it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentLanguageNotification, type DocumentLanguageParams } from '../../../shared/pipelines';
import { type ClientOf, downloadPipeline, installPipelineFromFile } from './pipelineCommands';

const REASONS: Readonly<Record<DocumentLanguageParams['reason'], (params: DocumentLanguageParams) => string>> = {
  setting: () => 'set in samsara.language',
  frontMatter: () => 'from the front matter',
  detected: (params) => `detected${params.confidence !== undefined ? ` (confidence ${Math.round(params.confidence * 100)}%)` : ''}`,
  default: () => 'the default',
};

export class LanguageStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, DocumentLanguageParams>();
  private readonly offered = new Set<string>();
  private readonly listener: vscode.Disposable;

  constructor(
    selector: vscode.DocumentSelector,
    private readonly clientOf: ClientOf,
  ) {
    this.item = vscode.languages.createLanguageStatusItem('samsara.language', selector);
    this.item.name = 'Samsara document language';
    this.listener = vscode.window.onDidChangeActiveTextEditor(() => this.refresh());
    this.refresh();
  }

  set selector(selector: vscode.DocumentSelector) {
    this.item.selector = selector;
  }

  /** Handlers for one running client. */
  onClient(client: LanguageClient): vscode.Disposable[] {
    return [client.onNotification(DocumentLanguageNotification, (params) => this.heard(params))];
  }

  /** What the item says for the active document (tests read it through the API). */
  current(): DocumentLanguageParams | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    return uri ? this.byUri.get(uri) : undefined;
  }

  private heard(params: DocumentLanguageParams): void {
    this.byUri.set(params.uri, params);
    if (params.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.refresh();
    if (params.pipeline === 'missing' && params.offer && !this.offered.has(params.code)) {
      this.offered.add(params.code);
      void vscode.window
        .showInformationMessage(
          params.message ?? `No ${params.languageName} language model is installed.`,
          'Download',
          'Install from File…',
        )
        .then((choice) => {
          if (choice === 'Download' && params.offer) void downloadPipeline(this.clientOf, params.offer);
          else if (choice === 'Install from File…') void installPipelineFromFile(this.clientOf);
        });
    }
  }

  private refresh(): void {
    const params = this.current();
    const item = this.item;
    if (!params) {
      item.text = '$(globe) Language: …';
      item.detail = 'not analysed yet';
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = { title: 'Change', command: 'samsara.setDocumentLanguage' };
      return;
    }
    item.text = `$(globe) ${params.languageName}`;
    // Which language model reads it, beside why this language: the program's own status row names
    // only the main model, which is not the one a French document is read with.
    item.detail = params.message ?? [REASONS[params.reason](params), params.model].filter(Boolean).join(' · ');
    item.severity = params.pipeline === 'ready' ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    item.command =
      params.pipeline === 'missing' && params.offer
        ? { title: `Download ${params.languageName}`, command: 'samsara.downloadPipeline', arguments: [params.offer] }
        : { title: 'Change', command: 'samsara.setDocumentLanguage', tooltip: 'Set the language of documents here' };
    item.accessibilityInformation = { label: `Document language: ${params.languageName}, ${REASONS[params.reason](params)}` };
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}

/** Quick pick of languages; writes samsara.language for the active document's folder (or the user). */
export async function setDocumentLanguage(languages: readonly { code: string; name: string }[]): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Automatic', description: 'front matter, else detected from the text', code: 'auto' },
      ...languages.map(({ code, name }) => ({ label: name, description: code, code })),
    ],
    { title: 'Samsara: language of documents here' },
  );
  if (!choice) return;
  const inFolder = document ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
  const target = inFolder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  await vscode.workspace
    .getConfiguration('samsara', document?.uri)
    .update('language', choice.code === 'auto' ? undefined : choice.code, target);
}
