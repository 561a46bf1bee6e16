// Markdown through the real server and the real sidecar: names in code, front matter, URLs, HTML,
// link destinations and math never become entities; names in prose, headings, link text, list
// items and table cells do, at their exact ranges, with LF and with CRLF line ends. A name split
// by emphasis marks (`**Serena** Williams`) is one entity whose range spans the closing marks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, repoRoot, requireRealSidecar } from '../../helpers/paths';

requireRealSidecar();

const FIXTURE = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'markdown', 'prose.md'), 'utf8');

/** Parts of the fixture that are not prose; each names Bill Gates or Steve Jobs. */
const SKIPPED = [
  '---\ntitle: Notes by Bill Gates\nauthor: Steve Jobs\n---',
  '`Bill Gates`',
  '<span title="Steve Jobs">',
  'https://example.org/Steve_Jobs/Bill_Gates',
  'bill.gates@example.com',
  '```python\n# Bill Gates wrote this in Seattle.\nprint("Steve Jobs")\n\nfounder = "Bill Gates"\n```',
  '<div class="note">\nBill Gates visited Seattle with Steve Jobs.\n</div>',
  '<!-- Steve Jobs\n\nand Bill Gates in a comment -->',
  '(https://example.org/Bill_Gates "Steve Jobs")',
  '(https://example.org/Bill_Gates)',
  '<https://example.org/Steve_Jobs>',
  '$$\n\\text{Bill Gates} = \\text{Steve Jobs}\n$$',
  '    Bill Gates in indented code, with Steve Jobs.',
  '[bill]: https://example.org/Bill_Gates "Steve Jobs"',
];

/** Names in prose (first occurrence), a heading, emphasis, link text, list items and table cells. */
const FOUND = [
  'Angela Merkel',
  'Berlin',
  'Barack Obama',
  'Emmanuel Macron',
  'Paris',
  'Satya Nadella',
  'Serena** Williams',
  'Toronto',
  'Jacinda Ardern',
  'Nelson Mandela',
  'Marie Curie',
  'Warsaw',
  'Kofi Annan',
];

describe('Markdown prose with the real sidecar', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { sidecar: { path: realSidecar }, analysis: { debounceMs: 0 } } });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
  });

  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ]) {
    it(`publishes no entity inside code, front matter, URLs, HTML or math, and finds the names in prose (${name})`, async () => {
      const text = FIXTURE.replace(/\n/g, eol);
      const uri = `file:///prose-${name}.md`;
      const document = TextDocument.create(uri, 'markdown', 1, text);
      await client.open(uri, text, 'markdown');
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      const spans = diagnostics.map((d) => ({
        start: document.offsetAt(d.range.start),
        end: document.offsetAt(d.range.end),
        label: String(d.code),
      }));
      const shown = spans.map((s) => `${s.label} ${JSON.stringify(text.slice(s.start, s.end))}@${s.start}`).join(', ');
      for (const region of SKIPPED) {
        const from = text.indexOf(region.replace(/\n/g, eol));
        assert.ok(from >= 0, `fixture lacks ${region}`);
        const to = from + region.replace(/\n/g, eol).length;
        const inside = spans.filter((s) => s.start < to && s.end > from);
        assert.deepEqual(inside, [], `entities in ${JSON.stringify(region)}: ${shown}`);
      }
      assert.ok(
        spans.every((s) => !/Bill|Gates|Steve|Jobs/.test(text.slice(s.start, s.end))),
        shown,
      );
      for (const entity of FOUND) {
        const start = text.indexOf(entity);
        assert.ok(
          spans.some((s) => s.start === start && s.end === start + entity.length),
          `${entity} at ${start} not found: ${shown}`,
        );
      }
    });
  }
});
