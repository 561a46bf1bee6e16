// How an edit to a user's JSON file is formatted: with the file's own indentation and line ends,
// so a rules file or a spell checker's settings keep their look (two spaces and LF for a new file).
import type { FormattingOptions } from 'jsonc-parser/lib/esm/main.js';

export function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
