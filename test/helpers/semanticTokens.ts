// Semantic tokens as a client sees them: decoded from LSP's relative integers into absolute
// tokens with type names, and a delta applied to the previous data the way a client applies it.
import type { SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver';

export interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
}

export function decodeTokens(data: readonly number[], legend: SemanticTokensLegend): DecodedToken[] {
  if (data.length % 5 !== 0) throw new Error(`token data of ${data.length} integers is not a multiple of 5`);
  const tokens: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = data.slice(i, i + 4);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const name = legend.tokenTypes[type];
    if (name === undefined) throw new Error(`token type index ${type} is not in the legend`);
    tokens.push({ line, character, length, type: name });
  }
  return tokens;
}

/** `previous` with `edits` applied (edits address the previous array; applied back to front). */
export function applyEdits(previous: readonly number[], edits: readonly SemanticTokensEdit[]): number[] {
  const data = [...previous];
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return data;
}
