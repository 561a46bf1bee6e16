// The entity features' requests, as a client sends them to the server under test: semantic
// tokens (full, delta, range) with the legend they decode by, symbols, highlights, references and
// samsara/documentEntities.
import type {
  DocumentHighlight,
  DocumentSymbol,
  Location,
  Position,
  Range,
  SemanticTokens,
  SemanticTokensDelta,
  SemanticTokensLegend,
  SymbolInformation,
} from 'vscode-languageserver';
import { DocumentEntitiesRequest, type DocumentEntities } from '../../shared/lsp';
import type { LspTestClient } from './lspClient';

/** The semantic tokens legend: registered dynamically (the latest registration) or from initialize. */
export function tokenLegend(client: LspTestClient): SemanticTokensLegend {
  const registered = client.registrations.filter((r) => r.method === 'textDocument/semanticTokens').at(-1);
  const options = (registered?.registerOptions ?? client.initializeResult.capabilities.semanticTokensProvider) as
    | { legend: SemanticTokensLegend }
    | undefined;
  if (!options) throw new Error('the server declared no semantic tokens provider');
  return options.legend;
}

export function semanticTokens(client: LspTestClient, uri: string): Promise<SemanticTokens> {
  return client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
}

export function semanticTokensDelta(
  client: LspTestClient,
  uri: string,
  previousResultId: string,
): Promise<SemanticTokens | SemanticTokensDelta> {
  return client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId });
}

export function semanticTokensRange(client: LspTestClient, uri: string, range: Range): Promise<SemanticTokens> {
  return client.request('textDocument/semanticTokens/range', { textDocument: { uri }, range });
}

export function documentSymbols(client: LspTestClient, uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
  return client.request('textDocument/documentSymbol', { textDocument: { uri } });
}

export function documentHighlights(client: LspTestClient, uri: string, position: Position): Promise<DocumentHighlight[] | null> {
  return client.request('textDocument/documentHighlight', { textDocument: { uri }, position });
}

export function references(client: LspTestClient, uri: string, position: Position, includeDeclaration = true): Promise<Location[] | null> {
  return client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
}

export function documentEntities(client: LspTestClient, uri: string): Promise<DocumentEntities | null> {
  return client.request(DocumentEntitiesRequest.method, { uri });
}
