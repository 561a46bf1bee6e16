// Inline parsing of a long paragraph in windows. The parser's inline pass is quadratic on some
// input within one paragraph (measured: 20,000 URLs on consecutive lines took 1.2 s, 20,000
// unclosed `[a](` 4 s), and a Markdown note with a pasted log or link dump is one paragraph.
// A paragraph longer than a window is parsed in windows cut at a line end (else a space), so the
// cost stays linear; only an inline construct across a cut (rare at this length) reads as text.
// Blocks that long are cut for the sidecar anyway (DEFAULT_MAX_BLOCK_CHARS).
import type { BlockContext, Element, LeafBlock, LeafBlockParser, MarkdownConfig } from '@lezer/markdown';
import { cutPoint, DEFAULT_MAX_BLOCK_CHARS } from './blocks';

export const PARAGRAPH_WINDOW = DEFAULT_MAX_BLOCK_CHARS;

class WindowedParagraph implements LeafBlockParser {
  nextLine(): boolean {
    return false;
  }

  finish(cx: BlockContext, leaf: LeafBlock): boolean {
    const content = leaf.content;
    if (content.length <= PARAGRAPH_WINDOW) return false;
    const inline: Element[] = [];
    for (let from = 0; from < content.length; ) {
      const to = content.length - from > PARAGRAPH_WINDOW ? cutPoint(content, from, from + PARAGRAPH_WINDOW) : content.length;
      inline.push(...cx.parser.parseInline(content.slice(from, to), leaf.start + from));
      from = to;
    }
    // addLeafElement also adds the block quote markers inside the paragraph.
    cx.addLeafElement(leaf, cx.elt('Paragraph', leaf.start, leaf.start + content.length, inline));
    return true;
  }
}

// Without `before`/`after` the parser comes last: a table or a link reference definition, whose
// leaf parsers come first, still claims its block.
export const LongParagraphs: MarkdownConfig = {
  parseBlock: [{ name: 'LongParagraph', leaf: () => new WindowedParagraph() }],
};
