// The format parsers load on the first document of their format, not at start-up: importing the
// extraction (as the server does) loads no WebAssembly and evaluates no Org parser; Markdown and
// plain text never wait for one; a LaTeX document loads LaTeX's parser only; extraction before
// its parser loaded fails saying so (the analyzer awaits proseReady first).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadedFormatParsers } from '../../../../server/src/text/formats/parsers';
import { extractProse, proseReady } from '../../../../server/src/text/proseExtractor';
import { TextExtractionError } from '../../../../server/src/text/textErrors';

const LATEX = '\\section{Charles Babbage}\nAda Lovelace met Charles Babbage in London.\n';
const ORG = '* Charles Babbage\nAda Lovelace met Charles Babbage in London.\n';

/** Whether org-mode-ast has been evaluated in this process. */
function orgParserLoaded(): boolean {
  return Object.keys(require.cache).some((path) => path.includes('org-mode-ast'));
}

describe('format parsers load on the first document of their format', () => {
  it('are not loaded by importing the extraction, nor by Markdown and plain text', async () => {
    assert.deepEqual(loadedFormatParsers(), []);
    assert.equal(orgParserLoaded(), false, 'the Org parser is evaluated at import');
    await proseReady('markdown');
    await proseReady('plaintext');
    assert.ok(extractProse('Ada Lovelace met Charles Babbage.\n', 'markdown').blocks.length > 0);
    assert.deepEqual(loadedFormatParsers(), []);
  });

  it('fails a LaTeX extraction before its parser is loaded, saying so', () => {
    assert.throws(
      () => extractProse(LATEX, 'latex'),
      (error: unknown) => error instanceof TextExtractionError && /latex parser/.test(error.message),
    );
  });

  it('loads the LaTeX parser alone for a LaTeX document, which then extracts', async () => {
    await proseReady('latex');
    assert.deepEqual(loadedFormatParsers(), ['latex']);
    const text = extractProse(LATEX, 'latex')
      .blocks.map((block) => block.text)
      .join('\n');
    assert.match(text, /Ada Lovelace met Charles Babbage in London/);
    assert.doesNotMatch(text, /\\section/);
    await Promise.all([proseReady('typst'), proseReady('typst')]);
    assert.deepEqual(loadedFormatParsers().sort(), ['latex', 'typst']);
  });

  it('evaluates the Org parser on the first Org piece', () => {
    const text = extractProse(ORG, 'org')
      .blocks.map((block) => block.text)
      .join('\n');
    assert.match(text, /Ada Lovelace met Charles Babbage in London/);
    assert.equal(orgParserLoaded(), true);
  });
});
