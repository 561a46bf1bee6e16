// The same features in every format: for a real LaTeX, reStructuredText, Typst, AsciiDoc and Org
// document (one row each in test/fixtures/formats/realDocuments.ts), through the real server over
// stdio and the real sidecar, in one session over a workspace holding the five files: semantic
// tokens of the model's entities and none in the syntax, a hover, the Outline, references, the
// rules' quick fixes, and the workspace index (the scan found the files; workspace/symbol finds their names).
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Command, DocumentSymbol, MarkupContent, SymbolInformation } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIXTURES } from '../../fixtures/formats/formatCases';
import { REAL_DOCUMENTS } from '../../fixtures/formats/realDocuments';
import { documentSymbols, references, semanticTokens, tokenLegend } from '../../helpers/entityRequests';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { decodeTokens } from '../../helpers/semanticTokens';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const isAction = (a: CodeAction | Command): a is CodeAction => 'kind' in a || 'edit' in a;

describe('the entity features in LaTeX, reStructuredText, Typst, AsciiDoc and Org', { timeout: 300_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'samsara-formats-'));
  for (const d of REAL_DOCUMENTS) copyFileSync(join(FIXTURES, d.file), join(root, d.file));
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({
      workspaceFolder: root,
      semanticTokens: true,
      settings: { sidecar: { path: realSidecar }, analysis: { debounceMs: 0 } },
    });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 90_000 });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('indexes the files in the workspace scan', async () => {
    const workspace = await waitFor(
      async () => {
        const stats = (await client.stats()).workspace;
        return stats && stats.scans >= 1 && !stats.scanning ? stats : undefined;
      },
      { timeoutMs: 180_000, message: 'the workspace scan', abortIf: () => client.deathNotice() },
    );
    assert.equal(workspace.filesFound, REAL_DOCUMENTS.length, JSON.stringify(workspace));
    assert.equal(workspace.filesAnalyzed, REAL_DOCUMENTS.length, JSON.stringify(workspace));
  });

  for (const d of REAL_DOCUMENTS) {
    it(`${d.file} (${d.languageId}): tokens, hover, Outline, references, quick fixes, workspace symbols`, async () => {
      const text = readFileSync(join(FIXTURES, d.file), 'utf8');
      const uri = pathToFileURL(join(root, d.file)).href;
      const document = TextDocument.create(uri, d.languageId, 1, text);
      await client.open(uri, text, d.languageId);
      await waitFor(() => client.entitiesChanged.some((n) => n.uri === uri), {
        timeoutMs: 60_000,
        message: `the entities of ${d.file}`,
        abortIf: () => client.deathNotice(),
      });

      // Semantic tokens: each expected entity coloured by its label, nothing inside the syntax.
      const tokens = decodeTokens((await semanticTokens(client, uri)).data, tokenLegend(client)).map((t) => {
        const start = document.offsetAt({ line: t.line, character: t.character });
        return { start, end: start + t.length, text: text.slice(start, start + t.length), type: t.type };
      });
      const shown = tokens.map((t) => `${t.type}:${t.text}`);
      for (const [label, name] of d.entities) {
        // A token never crosses a line: a name across one is a token per line.
        const first = name.split('\n')[0];
        assert.ok(
          tokens.some((t) => t.text === first && t.type === label.toLowerCase()),
          `${label} ${name}: ${shown.join(', ')}`,
        );
      }
      for (const region of d.skipped) {
        const from = text.indexOf(region);
        const inside = tokens.filter((t) => t.start < from + region.length && t.end > from);
        assert.deepEqual(inside, [], `tokens in ${JSON.stringify(region)}`);
      }

      const [label, name] = d.entities[0];
      const mentions = tokens.filter((t) => t.text === name && t.type === label.toLowerCase());
      const at = document.positionAt(mentions[0].start + 1);

      const hover = await client.hover(uri, at);
      assert.ok(hover, `a hover on ${name}`);
      assert.match((hover.contents as MarkupContent).value, new RegExp(name));

      const symbols = ((await documentSymbols(client, uri)) ?? []) as DocumentSymbol[];
      assert.ok(
        symbols.some((group) => group.name.includes(`(${label})`) && group.children?.some((c) => c.name === name)),
        `${name} under ${label} in the Outline: ${JSON.stringify(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]))}`,
      );

      const found = ((await references(client, uri, at, true)) ?? []).filter((l) => l.uri === uri);
      assert.deepEqual(
        found.map((l) => document.offsetAt(l.range.start)),
        mentions.map((m) => m.start),
        `references to ${name} are its mentions`,
      );

      const actions = ((await client.codeActions(uri, { start: at, end: at })) ?? []).filter(isAction);
      const fixes = actions.filter((a) => a.kind === 'quickfix').map((a) => a.title);
      assert.ok(fixes.includes(`Not an entity: ignore "${name}" in this workspace`), JSON.stringify(fixes));
      assert.ok(fixes.includes(`Always treat "${name}" as ${label}`), JSON.stringify(fixes));

      const indexed: SymbolInformation[] = await client.request('workspace/symbol', { query: name });
      assert.ok(
        indexed.some((s) => s.name === name && s.location.uri === uri),
        `${name} in the workspace symbols: ${JSON.stringify(indexed.map((s) => [s.name, s.location.uri]))}`,
      );
    });
  }
});
