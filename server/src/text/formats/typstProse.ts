// Prose of a piece of Typst, from Typst's own parser (the typst-syntax crate, built to WebAssembly
// as codemirror-lang-typst ships it: the syntax tree the compiler reads). Kept: markup text,
// headings, list, enum and term items, strong and emphasized text, and the content blocks of code
// (`#strong[…]` inline, `caption: […]` as blocks of their own, the title and abstract a template
// takes in `#show: template.with(title: […])`). Dropped: code (`#set`, `#let`, functions written in
// the document, arguments, strings), math, raw text and blocks, labels, references, URLs, comments.
import type { ProseBlock } from '../proseBlock';
import { ProseBuilder } from '../proseBuilder';
import { typstSyntax, type TypstNode } from './parsers';
import { MAX_DEPTH } from './treeSitterProse';

/** Functions whose content is part of the sentence around them. */
const INLINE_FUNCTIONS = new Set([
  'strong',
  'emph',
  'text',
  'underline',
  'overline',
  'strike',
  'smallcaps',
  'highlight',
  'sub',
  'super',
  'quote',
]);
/**
 * Code that never carries prose, content blocks included: a function's body is a template (`it =>
 * […]`, `#let f() = […]`). A show rule is not in it: `#show: ieee.with(title: […])` passes the
 * document's own title and abstract, while the templates of `#show heading: it => […]` are closures.
 */
const NO_PROSE = new Set(['SetRule', 'LetBinding', 'ModuleImport', 'ModuleInclude', 'Contextual', 'Closure']);

export interface TypstProse {
  blocks: ProseBlock[];
  open: RegExp | undefined;
}

export function typstProse(source: string): TypstProse {
  const syntax = typstSyntax();
  let root: TypstNode;
  try {
    root = syntax.parse(source);
  } catch {
    // The parser trapped (a nesting too deep for it): nothing rather than junk.
    return { blocks: [], open: undefined };
  }
  const names = new Map([...syntax.kinds].map(([name, id]) => [id, name]));
  const walker = new Walker(source, new ProseBuilder(source), names);
  walker.markup(root, 0, 0);
  // An unclosed bracket, brace, `$` or raw fence swallows the rest of the piece: later pieces may
  // close it. Any other error (`if a and0 b`) stays where it is, and the piece stays a piece: taking
  // in the rest of the document for it made every edit after it parse all of that again.
  return { blocks: walker.builder.finish(), open: endsInError(root) ? /[\]})$`]/g : undefined };
}

/** Whether the piece ends inside an erroneous node: a construct left open to its end. */
function endsInError(root: TypstNode): boolean {
  for (let node = root.children.at(-1); node; node = node.children.at(-1)) if (node.erroneous) return true;
  return false;
}

class Walker {
  constructor(
    private readonly source: string,
    readonly builder: ProseBuilder,
    private readonly names: ReadonlyMap<number, string>,
  ) {}

  /** A Markup node at `at`: text, spaces, and each other child by kind. */
  markup(node: TypstNode, at: number, depth: number): void {
    if (depth > MAX_DEPTH) return this.builder.cut();
    let hashed = false;
    for (const child of node.children) {
      this.child(child, at, depth + 1, hashed);
      hashed = this.names.get(child.kind) === 'Hash';
      at += child.length;
    }
  }

  private child(node: TypstNode, at: number, depth: number, hashed: boolean): void {
    const builder = this.builder;
    const end = at + node.length;
    const kind = this.names.get(node.kind) ?? '';
    switch (kind) {
      case 'Text':
      case 'Space':
      case 'SmartQuote':
        return builder.keep(at, end);
      case 'Escape':
        return builder.keep(at + 1, end);
      case 'Parbreak':
        return builder.endBlock();
      case 'Hash':
        return;
      case 'Strong':
      case 'Emph':
      case 'Markup':
        return this.markup(node, at, depth);
      case 'Heading':
      case 'ListItem':
      case 'EnumItem':
      case 'TermItem':
        builder.endBlock();
        this.markup(node, at, depth);
        return builder.endBlock();
      case 'HeadingMarker':
      case 'ListMarker':
      case 'EnumMarker':
      case 'TermMarker':
      case 'Star':
      case 'Underscore':
        return;
      case 'Colon':
        // A term item's `/ Term: description`: the colon separates term and description.
        return builder.endBlock();
      default:
        if (hashed) return this.code(node, at, depth);
        return builder.cut();
    }
  }

  /** Code after `#`: only the content blocks inside it are prose. */
  private code(node: TypstNode, at: number, depth: number): void {
    const kind = this.names.get(node.kind) ?? '';
    if (NO_PROSE.has(kind)) return this.builder.cut();
    if (kind === 'ContentBlock') {
      this.builder.cut();
      this.content(node, at, depth);
      return this.builder.cut();
    }
    const callee = kind === 'FuncCall' ? this.source.slice(at, at + (node.children[0]?.length ?? 0)) : '';
    const inline = INLINE_FUNCTIONS.has(callee);
    const blocks: [TypstNode, number][] = [];
    this.contentBlocks(node, at, depth, blocks);
    this.builder.cut();
    if (!inline) this.builder.endBlock();
    for (const [block, from] of blocks) {
      this.content(block, from, depth);
      if (!inline) this.builder.endBlock();
    }
    this.builder.cut();
  }

  /** The Markup inside a ContentBlock `[…]`. */
  private content(node: TypstNode, at: number, depth: number): void {
    for (const child of node.children) {
      if (this.names.get(child.kind) === 'Markup') this.markup(child, at, depth + 1);
      at += child.length;
    }
  }

  /** The outermost content blocks inside code, in order (not inside a rule or binding). */
  private contentBlocks(node: TypstNode, at: number, depth: number, out: [TypstNode, number][]): void {
    if (depth > MAX_DEPTH) return;
    for (const child of node.children) {
      const kind = this.names.get(child.kind) ?? '';
      if (kind === 'ContentBlock') out.push([child, at]);
      else if (!NO_PROSE.has(kind) && kind !== 'Str' && kind !== 'Raw') this.contentBlocks(child, at, depth + 1, out);
      at += child.length;
    }
  }
}
