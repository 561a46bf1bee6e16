// One `textDocument/codeAction` handler for every feature that offers code actions (an LSP
// connection takes one handler per request): the entity rules' corrections and "Probe this
// entity". Each source answers on its own; one that fails is logged and the others still show.
import type { CancellationToken, CodeAction, CodeActionParams, Connection } from 'vscode-languageserver';
import type { Logger } from '../logger';

export type CodeActionSource = (params: CodeActionParams, token: CancellationToken) => Promise<CodeAction[]>;

export class CodeActionSources {
  private readonly sources: CodeActionSource[] = [];

  add(source: CodeActionSource): void {
    this.sources.push(source);
  }

  listen(connection: Connection, log: Logger): void {
    connection.onCodeAction(async (params, token) => {
      const answers = await Promise.all(
        this.sources.map((source) =>
          source(params, token).catch((error: unknown) => {
            log.warn(`A code action source failed: ${error instanceof Error ? error.message : String(error)}`);
            return [];
          }),
        ),
      );
      return answers.flat();
    });
  }
}
