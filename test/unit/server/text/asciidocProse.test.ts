// AsciiDoc in detail, beside the shared format tests (formats.test.ts): Asciidoctor's own syntax
// reference (a real document, test/fixtures/formats/README.md) with every construct the brief
// names kept or dropped; an include directive never read; both sides of a conditional read; an
// unterminated listing that a later piece closes; hostile input (too large, nested too deep).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { asciidocProse, MAX_PIECE_CHARS } from '../../../../server/src/text/formats/asciidocProse';
import { ProseExtractor } from '../../../../server/src/text/proseExtractor';
import { FIXTURES } from '../../../fixtures/formats/formatCases';
import { assertExactMaps, assertKept, assertSkipped, texts } from './proseAssertions';

const KEPT = [
  'A normal paragraph.',
  'An admonition paragraph, like this note',
  'strong importance',
  'stress emphasis',
  'Arty Artisan',
  'A webpage',
  'A sibling document',
  'optional text of internal link',
  'This is the text of the footnote.',
  'Some Authors',
  'Edgar Allen Poe',
  'Sheri S. Tepper',
  'Bill Bryson',
  'not checked',
  'Prints',
  'first term',
  'description of first term',
  'description of second term',
  'open - a general-purpose content wrapper',
  'admonition - a notice for the reader',
  'collapsible - these details',
  'quote - a quotation or excerpt',
  'verse - a literary excerpt',
  'Table Attributes',
  'Attribute Name',
  'header,footer,autowidth',
];
const SKIPPED = [
  ':url-gem: https://rubygems.org/gems/asciidoctor',
  '{url-docs}',
  ' An indented (literal) paragraph disables text formatting,',
  '[sidebar#id.role]',
  '`monospaced`',
  '+passthrough text+',
  '[.line-through]',
  '[#wibble.term]',
  'icon:flag[role=blue]',
  'pass:[************]',
  '`pass:[++]`',
  'stem:[sqrt(4) = 2]',
  ':!hardbreaks-option:',
  '{asciidoctor-version}',
  'https://example.org/page',
  '../path/to/file.txt',
  '[[idname,reference text]]',
  '<<idname>>',
  'document.adoc#idname',
  "puts 'Hello, World!' # <1>",
  ' include::basics.adoc[]',
  'literal - an exhibit',
  'listing - an exhibit',
  'source - a listing',
  'fenced code - a shorthand',
  'pass - content passed directly',
  'x = y^2',
  'comment - content which is not included',
  '[cols=>1h;2d,width=50%,frame=ends]',
  '{vbar}',
  'image::screenshot.png[block image,800,450]',
  'reload.svg',
  'video::movie.mp4',
  '// thematic break (aka horizontal rule)',
];

describe('AsciiDoc prose', () => {
  it('keeps the prose of Asciidoctor’s syntax reference and none of its syntax', () => {
    const text = readFileSync(join(FIXTURES, 'asciidoctor-syntax.adoc'), 'utf8');
    const blocks = new ProseExtractor().blocks(text, 'asciidoc');
    assertExactMaps(text, blocks);
    for (const word of KEPT) assertKept(text, blocks, word);
    for (const region of SKIPPED) assertSkipped(text, blocks, region);
  });

  it('keeps the words of macros, index terms and CSV cells, and drops their syntax', () => {
    const text = [
      'Press kbd:[Ctrl+T], then btn:[Save] in Quito; see link:https://x.org[Kyoto site^,window=_blank].',
      'The [[inline-anchor]]Nairobi office, the ((Tokyo)) index, a (((hidden, Seoul))) term, {counter:n} and &#169; in Hanoi.',
      '',
      'CPU;; central processing unit in Taipei',
      '',
      ',===',
      'City,Country',
      'Dakar,Senegal',
      ',===',
    ].join('\n');
    const blocks = new ProseExtractor().blocks(text, 'asciidoc');
    assertExactMaps(text, blocks);
    for (const word of [
      'Ctrl+T',
      'Save',
      'Kyoto site',
      'Nairobi office',
      'Tokyo',
      'Hanoi',
      'CPU',
      'central processing unit',
      'Dakar',
      'Senegal',
    ])
      assertKept(text, blocks, word);
    for (const region of [
      'kbd:[',
      'https://x.org',
      '^,window=_blank',
      '[[inline-anchor]]',
      '((',
      '(((hidden, Seoul)))',
      '{counter:n}',
      '&#169;',
      ';;',
    ])
      assertSkipped(text, blocks, region);
    assert.ok(texts(blocks).includes('Country'), JSON.stringify(texts(blocks)));
  });

  it('never reads an included file, and reads both sides of a conditional', () => {
    const folder = mkdtempSync(join(tmpdir(), 'samsara-adoc-'));
    writeFileSync(join(folder, 'secret.adoc'), 'Zanzibar is in the included file.\n');
    const text = `include::${join(folder, 'secret.adoc')}[]\n\nifdef::env-github[]\nShown on GitHub in Paris.\nendif::[]\nifndef::env-github[]\nElsewhere in Rome.\nendif::[]\n`;
    assert.deepEqual(texts(new ProseExtractor().blocks(text, 'asciidoc')), ['Shown on GitHub in Paris. Elsewhere in Rome.']);
  });

  it('reads a listing that a blank line does not end as code up to its closing line', () => {
    const open = 'Intro about Berlin.\n\n----\ncode Paris\n\nmore code Madrid';
    assert.deepEqual(texts(new ProseExtractor().blocks(open, 'asciidoc')), ['Intro about Berlin.']);
    const closed = `${open}\n----\n\nAfter it, Rome.`;
    assert.deepEqual(texts(new ProseExtractor().blocks(closed, 'asciidoc')), ['Intro about Berlin.', 'After it, Rome.']);
  });

  it('sends nothing for a piece too large to parse in time, and survives nesting too deep', () => {
    assert.deepEqual(asciidocProse(`Oslo ${'word '.repeat(MAX_PIECE_CHARS / 5)}`).blocks, []);
    const depth = 400;
    const opens = Array.from({ length: depth }, (_, i) => '='.repeat(4 + i));
    const nested = `${opens.join('\n')}\nDeep in Lima.\n${[...opens].reverse().join('\n')}`;
    const blocks = asciidocProse(nested).blocks;
    assertExactMaps(nested, blocks);
  });
});
