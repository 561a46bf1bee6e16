// Prose of a piece of LaTeX, from tree-sitter-latex's syntax tree (the grammar of texlab and
// Neovim, as a .wasm in @cursorless/tree-sitter-wasms). Kept: text, the text arguments of
// sectioning and text commands (`\section{}`, `\emph{}`, `\textbf{}`, captions, footnotes, items),
// the prose of environments. Dropped: commands and their other arguments, math (inline, display,
// environments), comments, `\cite`/`\ref`/`\label` keys, verbatim and listings, `\url`, the
// preamble (the extraction starts after `\begin{document}`, see latexStart). A tie `~` reads as a
// space, an accent (`\'a`) leaves its letter in the word. Each section title,
// caption, item, table cell and paragraph is a block of its own.
import type { Node } from 'web-tree-sitter';
import type { ProseBlock } from '../proseBlock';
import { ProseBuilder } from '../proseBuilder';
import { childText, keepGap, MAX_DEPTH, parseBounded } from './treeSitterProse';

const SECTIONS = new Set(['part', 'chapter', 'section', 'subsection', 'subsubsection', 'paragraph', 'subparagraph']);
/** Commands that format words: their braced arguments are part of the sentence (`\textbf{Bab}bage`). */
const TEXT_COMMANDS = new Set(
  [
    'emph',
    'textbf',
    'textit',
    'textsl',
    'textsc',
    'textup',
    'textmd',
    'textrm',
    'textsf',
    'textnormal',
    'underline',
    'uline',
    'mbox',
    'hbox',
    'enquote',
    'textquote',
    'foreignlanguage',
    'href',
    'hyperref',
    'text',
  ].map((name) => `\\${name}`),
);
/** Commands whose last argument is text set apart from the sentence: a footnote, a margin note. */
const NOTE_COMMANDS = new Set(['\\footnote', '\\footnotetext', '\\marginpar', '\\thanks', '\\todo', '\\sidenote']);
/** Commands with a text argument after others (`\href{url}{text}`): only the last one is prose. */
const LAST_ARGUMENT = new Set(['\\href', '\\hyperref', '\\foreignlanguage', '\\textquote']);
/** Environments whose body is not prose even though the grammar parses it as text. */
const NOT_PROSE = new Set([
  'tikzpicture',
  'pgfpicture',
  'picture',
  'filecontents',
  'filecontents*',
  'comment',
  'thebibliography',
  'algorithmic',
  'forest',
  'axis',
]);
/** Accents over the next letter (`Skoumalov\\'a`, `G\\"{o}del`): the letter stays in its word. */
const ACCENT = /^\\(?:['`^"~=.]|[uvHcdbrk])$/;
/** A gap between nodes that holds syntax the grammar left unparsed. */
const SYNTAX = /[\\{}$]/;

export interface LatexProse {
  blocks: ProseBlock[];
  open: RegExp | undefined;
}

export function latexProse(source: string): LatexProse {
  const builder = new ProseBuilder(source);
  const tree = parseBounded('latex', source);
  if (tree) {
    try {
      new Walker(source, builder).children(tree.rootNode, 0, false);
    } finally {
      tree.delete();
    }
  }
  return { blocks: tree ? builder.finish() : [], open: openEnvironment(source) };
}

/** Where the prose of a LaTeX document starts: after `\begin{document}` when it has one. */
export function latexStart(text: string): number {
  const begin = /^[ \t]*\\begin[ \t]*\{document\}/m.exec(text);
  return begin ? begin.index + begin[0].length : 0;
}

class Walker {
  constructor(
    private readonly source: string,
    private readonly builder: ProseBuilder,
  ) {}

  /** The children of `node` from `from` on, with the text between them. */
  children(node: Node, depth: number, cells: boolean, from = node.startIndex, to = node.endIndex, skip?: (child: Node) => boolean): void {
    let at = from;
    for (const child of node.children) {
      // Anonymous nodes (`,`, `.`) are text between the named ones.
      if (!child.isNamed || child.endIndex <= from || child.startIndex >= to) continue;
      if (skip?.(child)) {
        keepGap(this.builder, this.source, at, child.startIndex, SYNTAX, cells);
        this.builder.cut();
        at = child.endIndex;
        continue;
      }
      keepGap(this.builder, this.source, at, child.startIndex, SYNTAX, cells);
      this.node(child, depth + 1, cells);
      at = child.endIndex;
    }
    keepGap(this.builder, this.source, at, to, SYNTAX, cells);
  }

  private node(node: Node, depth: number, cells: boolean): void {
    const builder = this.builder;
    if (depth > MAX_DEPTH) return builder.cut();
    const type = node.type;
    // A hyphen or dash is an `operator` to the grammar, yet part of the words (`12-monthly`).
    if (type === 'word' || type === 'operator') this.word(node.startIndex, node.endIndex);
    else if (type === 'text') this.children(node, depth, cells);
    else if (type === 'curly_group') this.children(node, depth, cells, node.startIndex + 1, node.endIndex - 1);
    else if (SECTIONS.has(type)) this.section(node, depth);
    else if (type === 'enum_item' || type === 'caption') {
      builder.endBlock();
      this.children(
        node,
        depth,
        false,
        node.startIndex,
        node.endIndex,
        (child) => child.type !== 'curly_group' && child.type !== 'text' && !isProse(child),
      );
      builder.endBlock();
    } else if (type === 'generic_environment') this.environment(node, depth);
    else if (type === 'generic_command') this.command(node, depth, cells);
    else builder.cut();
  }

  /** A word; its ties (`June~2000`, a space that does not break) read as spaces. */
  private word(from: number, to: number): void {
    for (let tie = this.source.indexOf('~', from); tie !== -1 && tie < to; tie = this.source.indexOf('~', from)) {
      this.builder.keep(from, tie);
      this.builder.space(tie);
      from = tie + 1;
    }
    this.builder.keep(from, to);
  }

  private section(node: Node, depth: number): void {
    this.builder.endBlock();
    let titled = false;
    this.children(node, depth, false, node.startIndex, node.endIndex, (child) => {
      if (child.type === 'curly_group' && !titled) {
        titled = true;
        this.node(child, depth + 1, false);
        this.builder.endBlock();
        return true;
      }
      return child.type === 'brack_group' || child.type === 'command_name';
    });
    this.builder.endBlock();
  }

  private environment(node: Node, depth: number): void {
    const begin = node.children.find((child) => child.type === 'begin');
    const name = begin ? (childText(begin, 'curly_group_text') ?? '').replace(/^\{|\}$/g, '').trim() : '';
    if (NOT_PROSE.has(name)) return this.builder.cut();
    const cells = /tabular|tabu|longtable|array|tblr/.test(name);
    this.builder.endBlock();
    this.children(node, depth, cells, node.startIndex, node.endIndex, (child) => child.type === 'begin' || child.type === 'end');
    this.builder.endBlock();
  }

  private command(node: Node, depth: number, cells: boolean): void {
    const name = childText(node, 'command_name') ?? '';
    const builder = this.builder;
    // `\%`, `\&`, `\$`, `\#`, `\_`: the character itself.
    if (/^\\[%&$#_]$/.test(name)) return builder.keep(node.startIndex + 1, node.endIndex);
    // An accent: the letter it stands over (braced or next) joins the word, as in the output.
    if (ACCENT.test(name)) {
      for (const group of node.children) if (group.type === 'curly_group') this.node(group, depth + 1, cells);
      return;
    }
    const note = NOTE_COMMANDS.has(name);
    if (!note && !TEXT_COMMANDS.has(name)) return builder.cut();
    const groups = node.children.filter((child) => child.type === 'curly_group');
    if (note) builder.cut();
    for (const group of LAST_ARGUMENT.has(name) ? groups.slice(-1) : groups) this.node(group, depth + 1, cells);
    if (note) builder.cut();
  }
}

function isProse(node: Node): boolean {
  return node.type === 'word' || node.type === 'generic_command' || node.type === 'generic_environment';
}

/**
 * When the piece leaves an environment open (other than `document`): what may close it. A blank
 * line inside a figure, a list or a verbatim block does not end it; the extraction joins pieces
 * until that end.
 */
function openEnvironment(source: string): RegExp | undefined {
  const stack: string[] = [];
  const marks = /\\(begin|end)[ \t]*\{([^{}\n]{1,64})\}/g;
  for (let match = marks.exec(source); match !== null; match = marks.exec(source)) {
    const name = match[2].trim();
    if (name === 'document') continue;
    if (match[1] === 'begin') stack.push(name);
    else if (stack.length > 0 && stack[stack.length - 1] === name) stack.pop();
  }
  if (stack.length === 0) return undefined;
  const name = stack[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\\\end[ \\t]*\\{${name}\\}`, 'g');
}
