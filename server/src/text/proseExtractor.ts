// The prose of a document, as the server sends it to the sidecar. The language server extracts
// again after every edit, and a full Markdown parse of a 300 KB document costs tens of ms; so a
// document is cut into pieces at blank lines (see chunks.ts), each piece's prose is cached by its
// text, and an edit re-parses only the pieces it touched. Given the extraction before the edit, it
// does not even walk the pieces the edit left alone (extraction.ts). The result equals a parse of
// the whole document (a unit test checks it on random edits).
import { canonicalLanguageId } from './languages';
import { ChunkCursor } from './chunks';
import { appendShifted, editBetween, indexOf, type Extraction, type ProseSyntax } from './extraction';
import { columnZero, pieceProse, proseStart, syntaxOfLanguage, syntaxReady, type PieceProse } from './formats/formatProse';
import { shiftBlock, type ProseBlock } from './proseBlock';

export type { Extraction, ProseSyntax } from './extraction';

/** Markdown, LaTeX, reStructuredText, Typst, Org for theirs (under any client's name), plain text for the rest. */
export function proseSyntaxOf(languageId: string): ProseSyntax {
  return syntaxOfLanguage(canonicalLanguageId(languageId));
}

/**
 * Resolves once documents of `languageId` can be extracted: a format whose parser is WebAssembly
 * has it loaded on its first document. Awaited before extracting; rejects if the parser is missing.
 */
export function proseReady(languageId: string): Promise<void> {
  return syntaxReady(proseSyntaxOf(languageId));
}

/** A piece's prose; `open`: it ends inside a fence, math block, environment…, which this finds the ends of. */
type Piece = PieceProse;

export interface ExtractorOptions {
  /** Characters of cached piece texts, over all documents. */
  maxCachedChars: number;
}

export interface ExtractorStats {
  /** Pieces extracted (parsed) rather than taken from the cache. */
  piecesParsed: number;
  piecesFromCache: number;
}

export class ProseExtractor {
  /** One per syntax, made when first used (a session rarely sees more than two). */
  private readonly caches = new Map<ProseSyntax, PieceCache>();
  private readonly maxCachedChars: number;
  readonly stats: ExtractorStats = { piecesParsed: 0, piecesFromCache: 0 };

  constructor(options: Partial<ExtractorOptions> = {}) {
    this.maxCachedChars = options.maxCachedChars ?? 8_000_000;
  }

  blocks(text: string, syntax: ProseSyntax): ProseBlock[] {
    return this.extract(text, syntax).blocks;
  }

  /**
   * The prose of `text`. Given the extraction of the document before an edit, the pieces before
   * and after the edited stretch are taken from it (shifted), so an edit costs the pieces it
   * touched, not a walk over the whole document; the result is the same (a unit test checks it).
   */
  extract(text: string, syntax: ProseSyntax, previous?: Extraction): Extraction {
    const frontMatter = proseStart(text, syntax);
    const edit = previous?.syntax === syntax ? editBetween(previous, text, frontMatter) : undefined;
    if (edit?.unchanged && previous) return previous;
    const out: ProseBlock[] = [];
    const starts: number[] = [];
    const firsts: number[] = [];
    let at = frontMatter;
    if (previous && edit?.restart !== undefined) {
      at = previous.pieceStarts[edit.restart];
      starts.push(...previous.pieceStarts.slice(0, edit.restart));
      firsts.push(...previous.pieceFirstBlocks.slice(0, edit.restart));
      out.push(...previous.blocks.slice(0, previous.pieceFirstBlocks[edit.restart]));
    }
    const firstNew = out.length;
    const cursor = new ChunkCursor(text, at, columnZero(syntax));
    while (at < text.length) {
      // Past the edit, at a place where the previous extraction started a piece too: the rest
      // is the previous extraction's, shifted.
      if (previous && edit && at - 1 >= text.length - edit.suffix) {
        const same = indexOf(previous.pieceStarts, at - edit.delta);
        if (same >= 0) {
          appendShifted(previous, same, edit.delta, { starts, firsts, out });
          break;
        }
      }
      starts.push(at);
      firsts.push(out.length);
      // A piece that ends open takes in the next ones, twice as many each time, so a fence that
      // closes far away costs about two parses of the way there, not one per piece.
      let span = 1;
      let end: number;
      let piece: Piece;
      for (;;) {
        end = cursor.after(at, span);
        piece = this.piece(text.slice(at, end), syntax);
        if (!piece.open || end === text.length) break;
        if (!endsLater(piece.open, text, end)) {
          // Nothing after the piece can end its block: the rest of the document is inside it
          // (as while a fence is being typed), and the piece's prose is all there is.
          end = text.length;
          break;
        }
        span *= 2;
      }
      for (const block of piece.blocks) out.push(shiftBlock(block, at));
      at = end;
    }
    return { text, syntax, start: frontMatter, blocks: out, pieceStarts: starts, pieceFirstBlocks: firsts, firstNew };
  }

  private piece(text: string, syntax: ProseSyntax): Piece {
    let cache = this.caches.get(syntax);
    if (!cache) {
      cache = new PieceCache(this.maxCachedChars / 2);
      this.caches.set(syntax, cache);
    }
    let piece = cache.get(text);
    if (piece) {
      this.stats.piecesFromCache += 1;
      return piece;
    }
    this.stats.piecesParsed += 1;
    piece = pieceProse(text, syntax);
    cache.set(text, piece);
    return piece;
  }
}

/**
 * Pieces by text, in two generations: a lookup is one Map.get in the current generation; a piece
 * found in the previous one moves up. When the current generation's texts pass half the budget it
 * becomes the previous one, and the pieces no document used since are dropped with the old one.
 * (Moving every hit to the end of one Map, LRU style, cost a millisecond per extraction of a
 * 300 KB document, measured.)
 */
class PieceCache {
  private current = new Map<string, Piece>();
  private previous = new Map<string, Piece>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(text: string): Piece | undefined {
    const piece = this.current.get(text);
    if (piece) return piece;
    const old = this.previous.get(text);
    if (old) this.set(text, old);
    return old;
  }

  set(text: string, piece: Piece): void {
    if (this.chars + text.length > this.maxChars / 2) {
      this.previous = this.current;
      this.current = new Map();
      this.chars = 0;
    }
    this.current.set(text, piece);
    this.chars += text.length;
  }
}

/** Whether a line from `from` on may end the open block that `closer` finds. */
function endsLater(closer: RegExp, text: string, from: number): boolean {
  // From the line break before `from`: a piece starts at the start of a line, and a closer
  // expression matches a line with what precedes it.
  closer.lastIndex = from - 1;
  return closer.test(text);
}

/** The prose of a whole document in one parse, without the cache: what ProseExtractor must equal. */
export function wholeDocumentProse(text: string, syntax: ProseSyntax): ProseBlock[] {
  const at = proseStart(text, syntax);
  return pieceProse(text.slice(at), syntax).blocks.map((block) => shiftBlock(block, at));
}

const shared = new ProseExtractor();

/**
 * The prose of a document (offsets in the document), from a cache shared by all documents and
 * from its extraction before an edit where there is one.
 */
export function extractProse(text: string, languageId: string, previous?: Extraction): Extraction {
  return shared.extract(text, proseSyntaxOf(languageId), previous);
}
