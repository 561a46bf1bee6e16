// Offsets from the sidecar count UTF-16 code units, LSP's unit, relative to a block. Converting
// through TextDocument.positionAt keeps CRLF and astral characters (emoji) exact.
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function rangeAt(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** Whether [start, end) is a sane span of `text` that does not cut a surrogate pair in half. */
export function isValidSpan(text: string, start: number, end: number): boolean {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= text.length)) return false;
  return !isLowSurrogate(text.charCodeAt(start)) && !isLowSurrogate(text.charCodeAt(end));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
