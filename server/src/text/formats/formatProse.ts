// The prose of a piece of a document in each syntax the extraction knows, and where a document's
// prose starts: one table, so that ProseExtractor and the whole-document reference agree.
import type { ProseSyntax } from '../extraction';
import { frontMatterLength } from '../frontMatter';
import { markdownProse } from '../markdownProse';
import { plainProse } from '../plainProse';
import type { ProseBlock } from '../proseBlock';
import { asciidocProse } from './asciidocProse';
import { latexProse, latexStart } from './latexProse';
import { orgProse } from './orgProse';
import { loadFormatParser, type TreeSitterFormat } from './parsers';
import { rstProse } from './rstProse';
import { typstProse } from './typstProse';

export interface PieceProse {
  /** Offsets relative to the piece. */
  blocks: ProseBlock[];
  /** The piece ends inside a block a blank line does not end: finds the lines that may end it. */
  open: RegExp | undefined;
}

const PROSE: Record<ProseSyntax, (text: string) => PieceProse> = {
  markdown: markdownProse,
  plain: (text) => ({ blocks: plainProse(text), open: undefined }),
  latex: latexProse,
  restructuredtext: (text) => ({ blocks: rstProse(text), open: undefined }),
  typst: typstProse,
  asciidoc: asciidocProse,
  org: orgProse,
};

export function pieceProse(text: string, syntax: ProseSyntax): PieceProse {
  return PROSE[syntax](text);
}

/** The WebAssembly parser each syntax's extraction needs, if any (see parsers.ts). */
const PARSER: Partial<Record<ProseSyntax, TreeSitterFormat | 'typst'>> = {
  latex: 'latex',
  restructuredtext: 'restructuredtext',
  typst: 'typst',
};

/** Resolves once the extraction of `syntax` can run: its parser loaded on its first document. */
export function syntaxReady(syntax: ProseSyntax): Promise<void> {
  return loadFormatParser(PARSER[syntax]);
}

/** Where the prose of a document starts: after Markdown's front matter, after LaTeX's preamble. */
export function proseStart(text: string, syntax: ProseSyntax): number {
  return syntax === 'markdown' ? frontMatterLength(text) : syntax === 'latex' ? latexStart(text) : 0;
}

/** Whether a piece may start only at a line in column 0 (after a blank line): not so in plain text. */
export function columnZero(syntax: ProseSyntax): boolean {
  return syntax !== 'plain';
}

/** The syntax of a (canonical) language id; plain text for any language without one. */
export function syntaxOfLanguage(id: string): ProseSyntax {
  switch (id) {
    case 'markdown':
      return 'markdown';
    case 'latex':
    case 'tex':
      return 'latex';
    case 'restructuredtext':
      return 'restructuredtext';
    case 'typst':
      return 'typst';
    case 'asciidoc':
      return 'asciidoc';
    case 'org':
      return 'org';
    default:
      return 'plain';
  }
}

/** What a writer reads for a syntax (the status item's tooltip names it). */
export const SYNTAX_NAMES: Record<ProseSyntax, string> = {
  markdown: 'Markdown',
  plain: 'plain text',
  latex: 'LaTeX',
  restructuredtext: 'reStructuredText',
  typst: 'Typst',
  asciidoc: 'AsciiDoc',
  org: 'Org',
};
