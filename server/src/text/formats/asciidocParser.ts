// AsciiDoc's block structure from Asciidoctor itself (Asciidoctor.js 3.0.4, the Ruby processor
// compiled to JavaScript by Opal; MIT). It parses synchronously, as the extraction does; 4.x parses
// through promises. Each piece is read by Asciidoctor's Parser.next_section into one long-lived
// Document (a new Document per piece costs more than the parse: its header and attribute set),
// with the source map on, so every block comes with its kind and its first line. The caller has
// already turned preprocessor lines and attribute entries into comments: nothing here reads a
// file or carries state from one piece to the next (so a piece's blocks depend on its text only).
import { TextExtractionError } from '../textErrors';

/** A block as the extraction needs it: line numbers are 0-based within the piece. */
export interface AdocBlock {
  /** Asciidoctor's context: 'paragraph', 'section', 'listing', 'list_item', 'table', … */
  context: string;
  line: number;
  /** 'simple' (its own lines are its text), 'compound', 'verbatim', 'raw', 'empty'. */
  model: string;
  style: string | undefined;
  hasTitle: boolean;
  /** Source lines of a simple block (comment lines excluded, as Asciidoctor reads them). */
  lineCount: number;
  /** For a description list: [term, description][] with the description undefined when absent. */
  pairs: [AdocBlock[], AdocBlock | undefined][];
  children: AdocBlock[];
}

// The part of Asciidoctor's (Opal) API read here; Asciidoctor.js's types do not declare Parser.
interface OpalNode {
  getContext(): string;
  getLineNumber(): number | undefined;
  getStyle(): string | undefined;
  getTitle?(): string | undefined;
  getContentModel?(): string;
  getSourceLines?(): string[];
  getBlocks?(): OpalNode[];
  getItems?(): unknown[];
  blocks: OpalNode[];
}
interface OpalGlobal {
  nil: unknown;
  hash(values: Record<string, unknown>): unknown;
  Asciidoctor: {
    Reader: { $new(lines: string[], cursor: unknown, options: unknown): { '$has_more_lines?'(): boolean } };
    Parser: { $next_section(reader: unknown, parent: unknown, attributes: unknown): [OpalNode | unknown, unknown] };
  };
}
interface AsciidoctorApi {
  load(text: string, options: Record<string, unknown>): OpalNode & { '$<<'(block: unknown): void };
  LoggerManager: { setLogger(logger: unknown): void };
  NullLogger: { create(): unknown };
}

/** Deeper nesting than this is not walked (each level of delimited blocks needs a new delimiter length). */
const MAX_DEPTH = 64;
/** A fresh Document after this many pieces: its catalogue of ids and references must not grow forever. */
const PIECES_PER_DOCUMENT = 256;

let api: AsciidoctorApi | undefined;
let opal: OpalGlobal | undefined;
let document: ReturnType<AsciidoctorApi['load']> | undefined;
let pieces = 0;

function processor(): { api: AsciidoctorApi; opal: OpalGlobal } {
  if (!api || !opal) {
    // Loaded on first use (about a second), from its own bundle beside the server (dist/asciidoctor.js):
    // only writers with AsciiDoc files pay for it.
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const create = require('@asciidoctor/core') as () => AsciidoctorApi;
      api = create();
    } catch (error) {
      throw new TextExtractionError(`the AsciiDoc parser (Asciidoctor.js) did not load: ${String(error)}`);
    }
    // Its warnings (sections out of sequence, unterminated blocks) are the writer's business, not the log's.
    api.LoggerManager.setLogger(api.NullLogger.create());
    opal = (globalThis as unknown as { Opal: OpalGlobal }).Opal;
    if (!opal?.Asciidoctor?.Parser) throw new TextExtractionError('Asciidoctor loaded without its Parser');
  }
  return { api, opal };
}

/** The blocks of `lines` (one piece, preprocessor lines already commented out), in source order. */
export function asciidocBlocks(lines: string[]): AdocBlock[] {
  const { api, opal } = processor();
  if (!document || pieces++ % PIECES_PER_DOCUMENT === 0) {
    // `secure`: no file, URI or environment is ever read; book: a level-0 title is a part, not an error.
    document = api.load('', { safe: 'secure', sourcemap: true, attributes: { doctype: 'book', 'sectids!': '' } });
  }
  const doc = document;
  doc.blocks = [];
  // Opal throws for control flow; without stack traces its exceptions cost a tenth as much.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const reader = opal.Asciidoctor.Reader.$new(lines, opal.nil, opal.hash({ normalize: true }));
    let attributes = opal.hash({});
    while (reader['$has_more_lines?']()) {
      const [section, next] = opal.Asciidoctor.Parser.$next_section(reader, doc, attributes);
      if (section !== opal.nil) doc['$<<'](section);
      attributes = next;
    }
    return doc.blocks.map((block) => convert(block, 0));
  } finally {
    Error.stackTraceLimit = limit;
    doc.blocks = [];
  }
}

function convert(node: OpalNode, depth: number): AdocBlock {
  const context = node.getContext();
  const block: AdocBlock = {
    context,
    line: (node.getLineNumber() ?? 1) - 1,
    model: node.getContentModel?.() ?? 'simple',
    style: node.getStyle() ?? undefined,
    hasTitle: context !== 'section' && typeof node.getTitle?.() === 'string',
    lineCount: 0,
    pairs: [],
    children: [],
  };
  if (depth > MAX_DEPTH) return { ...block, context: 'too_deep' };
  // A verse keeps its lines verbatim, yet they are prose.
  if ((block.model === 'simple' || context === 'verse') && node.getSourceLines) block.lineCount = node.getSourceLines().length;
  if (context === 'dlist') {
    for (const item of (node.getItems?.() ?? []) as [OpalNode[], OpalNode | undefined][]) {
      const [terms, description] = item;
      const nil = opal?.nil;
      block.pairs.push([
        terms.map((term) => convert(term, depth + 1)),
        description && description !== nil ? convert(description, depth + 1) : undefined,
      ]);
    }
    return block;
  }
  // A table's cells are read from its lines (extraction's table scan); a list's items are its blocks.
  if (context !== 'table' && (context === 'list_item' || block.model === 'compound'))
    block.children = (node.getBlocks?.() ?? []).map((child) => convert(child, depth + 1));
  return block;
}
