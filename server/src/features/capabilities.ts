// What the client can do (read once, at initialize) and what this server offers it in return: the
// initialize handshake's two halves, kept apart from the wiring in server.ts.
import {
  TextDocumentSyncKind,
  type ClientCapabilities,
  type MarkupKind,
  type SemanticTokensOptions,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { Commands, ReloadEntityRulesCommand, WorkspaceCommands } from '../../../shared/lsp';
import { hoverFormat } from './hover';

/** What the client can do, as the features ask it. */
export interface ClientFacts {
  hoverFormat: MarkupKind;
  hierarchicalSymbols: boolean;
  canRefreshTokens: boolean;
  semanticTokens: boolean;
  changeAnnotations: boolean;
}

/** Before initialize: the least a client may do. */
export const UNKNOWN_CLIENT: ClientFacts = {
  hoverFormat: hoverFormat(undefined),
  hierarchicalSymbols: false,
  canRefreshTokens: false,
  semanticTokens: false,
  changeAnnotations: false,
};

export function clientFacts(capabilities: ClientCapabilities): ClientFacts {
  return {
    hoverFormat: hoverFormat(capabilities.textDocument?.hover),
    hierarchicalSymbols: capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    canRefreshTokens: capabilities.workspace?.semanticTokens?.refreshSupport === true,
    semanticTokens: capabilities.textDocument?.semanticTokens !== undefined,
    // A rename's other names go in a group the refactor preview lets the writer untick.
    changeAnnotations:
      capabilities.workspace?.workspaceEdit?.documentChanges === true &&
      capabilities.workspace.workspaceEdit.changeAnnotationSupport !== undefined,
  };
}

/**
 * The server's capabilities: semantic tokens statically when the client cannot register them
 * later (else tokenLegend.ts registers them with the model's labels), plus the entity rules'.
 */
export function serverCapabilities(
  semanticTokens: SemanticTokensOptions | undefined,
  rules: Partial<ServerCapabilities>,
): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Entities' },
    documentHighlightProvider: true,
    referencesProvider: true,
    definitionProvider: true,
    renameProvider: { prepareProvider: true },
    workspaceSymbolProvider: true,
    ...(semanticTokens ? { semanticTokensProvider: semanticTokens } : {}),
    executeCommandProvider: { commands: [Commands.restartSidecar, Commands.probe, WorkspaceCommands.rescan, ReloadEntityRulesCommand] },
    ...rules,
  };
}
