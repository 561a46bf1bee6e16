// LaTeX, reStructuredText, Typst, AsciiDoc and Org through the real server and the real sidecar, in
// one session: each fixture's names become entities at their exact ranges and nothing inside its
// commands, math, code, keys or targets does; a document in a language that is not configured
// (Python) stays untouched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CASES, FIXTURES } from '../../fixtures/formats/formatCases';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';

requireRealSidecar();

/** Names the bundled model finds in each fixture (a subset of the fixture's kept words). */
const FOUND: Record<string, string[]> = {
  latex: ['Alan Turing', 'Doron Swade', 'Luigi Menabrea'],
  restructuredtext: ['Grace Hopper', 'Katherine Johnson', 'Barbara Liskov'],
  typst: ['Marie Curie', 'Albert Einstein', 'Lise Meitner'],
  asciidoc: ['Stuart Rackham', 'Nick Hengeveld', 'Ryan Waldron'],
  'org-news.org': ['Nicolas Goaziou', 'John Kitchin'],
  'notes.org': ['Grace Hopper', 'Jean Sammet', 'Harvard University'],
};

describe('LaTeX, reStructuredText, Typst, AsciiDoc and Org prose with the real sidecar', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { sidecar: { path: realSidecar }, analysis: { debounceMs: 0 } } });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
  });

  for (const c of CASES) {
    it(`finds the names in ${c.syntax} prose (${c.file}) and none in its syntax`, async () => {
      const text = readFileSync(path.join(FIXTURES, c.file), 'utf8');
      const uri = `file:///fixture/${c.file}`;
      const document = TextDocument.create(uri, c.syntax, 1, text);
      await client.open(uri, text, c.syntax);
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      const spans = diagnostics.map((d) => ({ start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end) }));
      const shown = spans.map((s) => `${JSON.stringify(text.slice(s.start, s.end))}@${s.start}`).join(', ');
      for (const region of c.skipped) {
        const from = text.indexOf(region);
        const inside = spans.filter((s) => s.start < from + region.length && s.end > from);
        assert.deepEqual(inside, [], `entities in ${JSON.stringify(region)}: ${shown}`);
      }
      for (const name of FOUND[c.file] ?? FOUND[c.syntax]) {
        const start = text.indexOf(name);
        assert.ok(
          spans.some((s) => s.start === start && s.end === start + name.length),
          `${name} at ${start} not found: ${shown}`,
        );
      }
    });
  }

  it('leaves a document of a language that is not configured untouched', async () => {
    const uri = 'file:///fixture/notes.py';
    await client.open(uri, '# Grace Hopper worked at Harvard University with Howard Aiken.\n', 'python');
    // The Typst document opened after it is analysed: by then the Python one would have been too.
    const later = 'file:///fixture/later.typ';
    await client.open(later, 'Lise Meitner worked in Berlin.', 'typst');
    await client.waitForDiagnostics(later, (p) => p.diagnostics.length > 0);
    assert.equal(client.publicationCount(uri), 0);
  });
});
