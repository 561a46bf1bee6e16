// What the desktop suite reads through the editor API instead of the DOM: the semantic tokens a
// document is drawn with (decoded against the provider's legend), document symbols, Samsara's
// diagnostics. Every read that depends on an analysis waits for its condition with a deadline.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../../helpers/waitFor';

export interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
  text: string;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function entityDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'samsara');
}

/** The document's semantic tokens, as the editor would draw them (empty when none). */
export async function semanticTokens(document: vscode.TextDocument): Promise<DecodedToken[]> {
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>(
    'vscode.provideDocumentSemanticTokensLegend',
    document.uri,
  );
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>(
    'vscode.provideDocumentSemanticTokens',
    document.uri,
  );
  if (!legend || !tokens) return [];
  const decoded: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  // LSP's relative encoding: [deltaLine, deltaStart (relative on the same line), length, type, modifiers].
  for (let i = 0; i + 5 <= tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = tokens.data.subarray(i, i + 4);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const range = new vscode.Range(line, character, line, character + length);
    decoded.push({ line, character, length, type: legend.tokenTypes[type] ?? `#${type}`, text: document.getText(range) });
  }
  return decoded;
}

/** Waits until each of `texts` is covered by a token; returns the token type of each. */
export async function waitForTokens(
  document: vscode.TextDocument,
  texts: readonly string[],
  options: { timeoutMs?: number; what?: string } = {},
): Promise<Record<string, string>> {
  return waitFor(
    async () => {
      const tokens = await semanticTokens(document);
      const types: Record<string, string> = {};
      for (const text of texts) {
        const token = tokens.find((candidate) => candidate.text === text);
        if (!token) return undefined;
        types[text] = token.type;
      }
      return types;
    },
    { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 200, message: options.what ?? `tokens for ${texts.join(', ')}` },
  );
}

/** Waits until the document has no entity token at all (highlighting off). */
export async function waitForNoTokens(document: vscode.TextDocument, what: string): Promise<void> {
  await waitFor(async () => (await semanticTokens(document)).length === 0, { timeoutMs: 60_000, intervalMs: 200, message: what });
}

/** Document symbols of every provider, flattened with their parent's name. */
export async function documentSymbols(uri: vscode.Uri): Promise<{ name: string; parent?: string; symbol: vscode.DocumentSymbol }[]> {
  const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
  const flat: { name: string; parent?: string; symbol: vscode.DocumentSymbol }[] = [];
  const walk = (list: vscode.DocumentSymbol[], parent?: string): void => {
    for (const symbol of list) {
      flat.push({ name: symbol.name, parent, symbol });
      walk(symbol.children ?? [], symbol.name);
    }
  };
  walk(symbols);
  return flat;
}
