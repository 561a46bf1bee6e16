import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GFM, parser } from '@lezer/markdown';
import { LongParagraphs, PARAGRAPH_WINDOW } from '../../../../server/src/text/longParagraphs';
import { wholeDocumentProse } from '../../../../server/src/text/proseExtractor';
import { assertExactMaps, assertKept, assertSkipped } from './proseAssertions';

const windowed = parser.configure([GFM, LongParagraphs]);
const plain = parser.configure(GFM);

/** The tree as [name, from, to] rows. */
function nodes(markdown: typeof plain, text: string): string[] {
  const rows: string[] = [];
  markdown.parse(text).iterate({ enter: (node) => void rows.push(`${node.name} ${node.from} ${node.to}`) });
  return rows;
}

const LINE = 'Met **Ada Lovelace** in [Paris](https://example.org) with `code` and https://x.org today.';

describe('LongParagraphs', () => {
  it('parses a long paragraph in windows into the same tree when nothing crosses a cut', () => {
    const paragraph = Array.from({ length: 200 }, () => LINE).join('\n');
    assert.ok(paragraph.length > 4 * PARAGRAPH_WINDOW);
    for (const text of [paragraph, `> ${paragraph.replace(/\n/g, '\n> ')}`, `- ${paragraph.replace(/\n/g, '\n  ')}`, `${paragraph}\n===`]) {
      assert.deepEqual(nodes(windowed, text), nodes(plain, text));
    }
  });

  it('leaves short paragraphs, tables and definitions to the parser', () => {
    const table = ['| a | b |', '| - | - |', ...Array.from({ length: 300 }, (_, i) => `| Ada ${i} | Paris |`)].join('\n');
    const text = `Short *one*.\n\n${table}\n\n[ref]: https://example.org "T"\n${LINE}`;
    assert.deepEqual(nodes(windowed, text), nodes(plain, text));
  });

  it('keeps a paragraph of thousands of URLs linear, with exact prose', () => {
    const doc = `Links:\n${Array.from({ length: 5000 }, (_, i) => `https://example.org/${i} Ada`).join('\n')}`;
    const blocks = wholeDocumentProse(doc, 'markdown');
    assertExactMaps(doc, blocks);
    assertSkipped(doc, blocks, 'https://example.org/4999');
    assertKept(doc, blocks, 'Ada', 4999);
  });
});
