import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentSpan } from '../../../../server/src/text/proseBlock';
import { ProseExtractor, wholeDocumentProse } from '../../../../server/src/text/proseExtractor';
import { assertExactMaps, assertKept, assertSkipped, texts } from './proseAssertions';

/** Prose of a Markdown document, both ways (whole and in cached pieces), checked to agree and to map exactly. */
function prose(document: string) {
  const blocks = wholeDocumentProse(document, 'markdown');
  assert.deepEqual(new ProseExtractor().blocks(document, 'markdown'), blocks);
  assertExactMaps(document, blocks);
  return blocks;
}

describe('Markdown prose: skipped constructs', () => {
  it('fenced code, with blank lines and either fence', () => {
    const doc = 'Before Ada.\n\n```python\nBill Gates = 1\n\n\nprint(Bill)\n```\n\n~~~\nSteve Jobs\n~~~\nAfter Ada.';
    const blocks = prose(doc);
    assertSkipped(doc, blocks, '```python\nBill Gates = 1\n\n\nprint(Bill)\n```');
    assertSkipped(doc, blocks, '~~~\nSteve Jobs\n~~~');
    assert.deepEqual(texts(blocks), ['Before Ada.', 'After Ada.']);
  });

  it('indented code', () => {
    const doc = 'Text.\n\n    Bill Gates\n\n    Steve Jobs\n\nMore.';
    const blocks = prose(doc);
    assertSkipped(doc, blocks, '    Bill Gates\n\n    Steve Jobs');
    assert.deepEqual(texts(blocks), ['Text.', 'More.']);
  });

  it('inline code, with a cut where it stood', () => {
    const doc = 'Call `Bill Gates()` now, or Bill `x` Gates.';
    const blocks = prose(doc);
    assertSkipped(doc, blocks, '`Bill Gates()`');
    assert.deepEqual(texts(blocks), ['Call now, or Bill Gates.']);
    const at = blocks[0].text.indexOf('Bill Gates');
    assert.equal(documentSpan(blocks[0], at, at + 10), undefined, 'no name across the removed code');
  });

  it('HTML blocks, comments spanning blank lines, and inline tags', () => {
    const doc =
      '<div class="x">\nBill Gates\n</div>\n\n<!-- Steve\n\nJobs -->\n\nSee <span title="Ada">Grace</span> Hopper<br>Alan Turing.';
    const blocks = prose(doc);
    assertSkipped(doc, blocks, '<div class="x">\nBill Gates\n</div>');
    assertSkipped(doc, blocks, '<!-- Steve\n\nJobs -->');
    assertSkipped(doc, blocks, '<span title="Ada">');
    assert.deepEqual(texts(blocks), ['See Grace Hopper Alan Turing.']);
    assertKept(doc, blocks, 'Grace');
    assertKept(doc, blocks, 'Alan Turing');
  });

  it('autolinks, bare URLs and e-mail addresses', () => {
    const doc = 'Visit <https://bill.example/Gates>, https://www.example.org/Steve_Jobs, www.ada.example or mail bill.gates@example.com.';
    const blocks = prose(doc);
    for (const link of ['<https://bill.example/Gates>', 'https://www.example.org/Steve_Jobs', 'www.ada.example', 'bill.gates@example.com'])
      assertSkipped(doc, blocks, link);
    assert.deepEqual(texts(blocks), ['Visit , , or mail .']);
  });

  it('link destinations and titles, reference labels and definitions, footnote labels', () => {
    const doc =
      'Met [Ada Lovelace](https://example.org/Bill_Gates "Steve Jobs") and [Grace][Alan Turing] then [^Linus].\n\n[Alan Turing]: https://example.org "Tim Cook"\n\n[^Linus]: Note on Charles Babbage.';
    const blocks = prose(doc);
    assertSkipped(doc, blocks, '(https://example.org/Bill_Gates "Steve Jobs")');
    assertSkipped(doc, blocks, '[Alan Turing]');
    assertSkipped(doc, blocks, '[^Linus]');
    assertSkipped(doc, blocks, '[Alan Turing]: https://example.org "Tim Cook"');
    assertKept(doc, blocks, 'Ada Lovelace');
    assertKept(doc, blocks, 'Grace');
    assert.deepEqual(texts(blocks), ['Met Ada Lovelace and Grace then .', 'Note on Charles Babbage.']);
  });

  it('YAML and TOML front matter at the very start only', () => {
    const yaml = '---\ntitle: Bill Gates\n\nauthor: Steve Jobs\n---\nAda Lovelace wrote.';
    let blocks = prose(yaml);
    assertSkipped(yaml, blocks, '---\ntitle: Bill Gates\n\nauthor: Steve Jobs\n---\n');
    assert.deepEqual(texts(blocks), ['Ada Lovelace wrote.']);
    const toml = '+++\ntitle = "Bill Gates"\n+++\r\n\r\nText.';
    blocks = prose(toml);
    assert.deepEqual(texts(blocks), ['Text.']);
    // Anywhere else `---` is a rule or a heading underline, and the words are prose.
    const later = 'Intro.\n\n---\ntitle: Bill Gates\n---\n';
    assert.deepEqual(texts(prose(later)), ['Intro.', 'title: Bill Gates']);
    assert.deepEqual(texts(prose(' ---\nBill Gates\n---\n')), ['Bill Gates']);
    // Without a closing fence there is no front matter.
    assert.deepEqual(texts(prose('---\nBill Gates wrote.')), ['Bill Gates wrote.']);
  });

  it('math: $$ blocks and inline $...$, but not dollar amounts', () => {
    const doc = '$$\n\\text{Bill Gates}\n\n= 1\n$$\n\nEuler wrote $e^{i\\pi}$ and $$\\text{Steve}$$ while Ada paid $5 to $10, or $20.';
    const blocks = prose(doc);
    assertSkipped(doc, blocks, '$$\n\\text{Bill Gates}\n\n= 1\n$$');
    assertSkipped(doc, blocks, '$e^{i\\pi}$');
    assertSkipped(doc, blocks, '$$\\text{Steve}$$');
    assertKept(doc, blocks, '$5 to $10, or $20.');
  });

  it('a math block ends with its list item, as a fence does', () => {
    const doc = '- $$\n  x\n\nAda Lovelace.';
    assert.deepEqual(texts(prose(doc)), ['Ada Lovelace.']);
  });
});

describe('Markdown prose: kept constructs at exact offsets', () => {
  it('paragraphs, emphasis, strikethrough and link text, with marks removed', () => {
    const doc = 'I met **Bill** Gates and *Angela Merkel* in ~~Bonn~~ [Berlin](https://x.org), Micro**soft**.';
    const blocks = prose(doc);
    assert.deepEqual(texts(blocks), ['I met Bill Gates and Angela Merkel in Bonn Berlin, Microsoft.']);
    for (const word of ['Angela Merkel', 'Bonn', 'Berlin']) assertKept(doc, blocks, word);
    const at = blocks[0].text.indexOf('Bill Gates');
    assert.deepEqual(
      documentSpan(blocks[0], at, at + 10),
      { start: doc.indexOf('Bill'), end: doc.indexOf('Gates') + 5 },
      'a name across emphasis marks',
    );
  });

  it('image alt text (words a reader reads: often who is pictured)', () => {
    const doc = 'Photo: ![Bill Gates at Davos](gates.png "Steve Jobs").';
    const blocks = prose(doc);
    assertKept(doc, blocks, 'Bill Gates at Davos');
    assertSkipped(doc, blocks, '(gates.png "Steve Jobs")');
  });

  it('headings, ATX and setext, each a block of its own', () => {
    const doc = '# Barack **Obama** #\nMichelle Obama\n===\nParagraph on Chicago.';
    const blocks = prose(doc);
    assert.deepEqual(texts(blocks), ['Barack Obama', 'Michelle Obama', 'Paragraph on Chicago.']);
    assertKept(doc, blocks, 'Barack');
    assertKept(doc, blocks, 'Michelle Obama');
  });

  it('list items, nested and task items, one block each', () => {
    const doc = '- Ada Lovelace\n- [x] Charles Babbage\n  1. Alan Turing\n     continued\n\n10) Grace Hopper';
    const blocks = prose(doc);
    assert.deepEqual(texts(blocks), ['Ada Lovelace', 'Charles Babbage', 'Alan Turing\n     continued', 'Grace Hopper']);
    for (const name of ['Ada Lovelace', 'Charles Babbage', 'Alan Turing', 'Grace Hopper']) assertKept(doc, blocks, name);
  });

  it('block quotes, lines joined without their markers', () => {
    const doc = '> Nelson Mandela said\n> that Desmond\n>> Tutu agreed.';
    const blocks = prose(doc);
    assert.deepEqual(texts(blocks), ['Nelson Mandela said\nthat Desmond', 'Tutu agreed.']);
    assertKept(doc, blocks, 'Desmond');
    assertKept(doc, blocks, 'Tutu');
  });

  it('table cells, one block each', () => {
    const doc = '| Name | City |\n| --- | :-: |\n| *Marie* Curie | Warsaw |\n| Kofi Annan | `code` |';
    const blocks = prose(doc);
    assert.deepEqual(texts(blocks), ['Name', 'City', 'Marie Curie', 'Warsaw', 'Kofi Annan']);
    assertKept(doc, blocks, 'Warsaw');
    assertKept(doc, blocks, 'Kofi Annan');
  });

  it('escapes and hard breaks leave their characters, not their syntax', () => {
    const doc = 'Not \\*emphasis\\*, a break  \nhere and\\\nthere AT&amp;T.';
    const blocks = prose(doc);
    assert.deepEqual(texts(blocks), ['Not *emphasis*, a break\nhere and\nthere AT&amp;T.']);
    assertKept(doc, blocks, 'AT&amp;T');
  });
});

describe('Markdown prose: offsets', () => {
  it('are exact in a CRLF document with emoji and astral characters', () => {
    const doc = '# 😀 Barack Obama\r\n\r\n𝒜 paragraph with **Angela\r\nMerkel** and 👩‍💻 [Kofi Annan](u)\r\n\r\n- item 🇳🇴 Oslo\r\n';
    const blocks = prose(doc);
    for (const word of ['Barack Obama', 'paragraph', 'Kofi Annan', 'Oslo']) assertKept(doc, blocks, word);
    assert.equal(blocks[1].text, '𝒜 paragraph with Angela\r\nMerkel and 👩‍💻 Kofi Annan');
    const at = blocks[1].text.indexOf('Angela');
    assert.deepEqual(documentSpan(blocks[1], at, at + 'Angela\r\nMerkel'.length), {
      start: doc.indexOf('Angela'),
      end: doc.indexOf('Merkel') + 6,
    });
  });

  it('are exact with lone CR line ends', () => {
    const doc = '# Title\r\rAda\rLovelace\r\r```\rBill Gates\r```\rAfter.';
    const blocks = prose(doc);
    assert.deepEqual(texts(blocks), ['Title', 'Ada\rLovelace', 'After.']);
    assertKept(doc, blocks, 'Lovelace');
    assertSkipped(doc, blocks, 'Bill Gates');
  });
});
