// Wires the language pipeline commands and the document-language status item into the extension.
import * as vscode from 'vscode';
import { PipelineListRequest } from '../../../shared/pipelines';
import type { Ctx } from '../ctx';
import { LanguageStatus, setDocumentLanguage } from './languageStatus';
import { downloadPipeline, installPipelineFromFile, managePipelines } from './pipelineCommands';

export function registerPipelines(
  ctx: Ctx,
  selector: vscode.DocumentSelector,
): { status: LanguageStatus; disposables: vscode.Disposable[] } {
  const clientOf = () => ctx.languageClient;
  const status = new LanguageStatus(selector, clientOf);
  return {
    status,
    disposables: [
      status,
      ctx.onEveryClient((client) => status.onClient(client)),
      vscode.commands.registerCommand('samsara.installPipelineFromFile', () => installPipelineFromFile(clientOf)),
      vscode.commands.registerCommand('samsara.managePipelines', () => managePipelines(clientOf)),
      vscode.commands.registerCommand('samsara.downloadPipeline', (name: unknown) =>
        typeof name === 'string' ? downloadPipeline(clientOf, name) : undefined,
      ),
      vscode.commands.registerCommand('samsara.setDocumentLanguage', async () => {
        const client = clientOf();
        const offered = client?.isRunning() ? (await client.sendRequest(PipelineListRequest)).offered : [];
        const languages = [...new Map(offered.map((row) => [row.language, { code: row.language, name: row.languageName }])).values()];
        await setDocumentLanguage(languages.sort((a, b) => a.name.localeCompare(b.name)));
      }),
    ],
  };
}
