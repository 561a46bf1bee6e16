// The story bible over LSP with the real server and the real bundled sidecar, on a two-chapter
// workspace whose `.samsara/entities.yaml` declares Emma Woodhouse with her other names and notes:
// every alias is highlighted and counted as her, the hover tells her notes and where she first
// appears (in the manuscript's order), F12 opens her entry, references and rename run across both
// chapters (the one on disk too) and into the entry, the "where it appears" requests answer in
// reading order, and an entity without an entry is offered "Add … to the story bible".
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Command, Hover, Location, MarkupContent, Position, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AppearancesRequest, EntityPresenceRequest, type Appearances, type EntityPresence } from '../../../shared/lsp';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const RULES = `known:
  - id: emma
    text: Emma Woodhouse
    label: PERSON
    aliases: [Emma, Miss Woodhouse]
    notes: "Handsome, clever and rich. ![x](https://tracker.example/p.png) <b>bold</b>"
  - pattern: [{ LOWER: harriet }, { LOWER: smith }]
    label: PERSON
`;
const ONE = 'Emma Woodhouse lived in Highbury with her father.\n\nEmma visited Harriet Smith on Tuesday. Miss Woodhouse was kind.\n';
const TWO = "Chapter two. EMMA wrote a letter to London.\n\nEmma's letter reached Harriet Smith and Emma Woodhouse smiled.\n";

const root = mkdtempSync(join(tmpdir(), 'samsara-bible-'));
mkdirSync(join(root, '.samsara'));
writeFileSync(join(root, '.samsara', 'entities.yaml'), RULES);
writeFileSync(join(root, '.samsara', 'manuscript.yaml'), 'chapters:\n  - two.md\n  - one.md\n');
writeFileSync(join(root, 'one.md'), ONE);
writeFileSync(join(root, 'two.md'), TWO);
const uriOf = (name: string): string => pathToFileURL(join(root, name)).href;
const rulesUri = uriOf('.samsara/entities.yaml');

function at(text: string, needle: string, nth = 0): Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  return TextDocument.create('file:///x', 'markdown', 1, text).positionAt(index + 1);
}

function applied(edit: WorkspaceEdit, uri: string, before: string): string {
  const change = edit.documentChanges?.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
  assert.ok(change, `the edit changes ${uri}`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, before), change.edits);
}

describe('the story bible over LSP', { timeout: 240_000 }, () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({
      workspaceFolder: root,
      settings: { sidecar: { path: realSidecar, startTimeoutMs: 60_000 }, analysis: { debounceMs: 0 } },
    });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 90_000 });
    await client.open(uriOf('one.md'), ONE, 'markdown');
    await waitFor(
      async () => {
        const workspace = (await client.stats()).workspace;
        return workspace && workspace.scans >= 1 && !workspace.scanning && workspace.indexedFiles >= 2 ? workspace : undefined;
      },
      { timeoutMs: 120_000, message: 'the workspace scan', abortIf: () => client.deathNotice() },
    );
  });

  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('counts every alias as Emma and tells her notes and first appearance in the hover', async () => {
    const hover = await waitFor(
      async () => {
        const h: Hover | null = await client.hover(uriOf('one.md'), at(ONE, 'Miss Woodhouse'));
        return h && (h.contents as MarkupContent).value.includes('workspace') ? h : undefined;
      },
      { timeoutMs: 60_000, message: 'the hover of an alias' },
    );
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /^\*\*Emma Woodhouse\*\*/, value);
    assert.match(value, /Handsome, clever and rich\./);
    assert.doesNotMatch(value, /tracker\.example|<b>/, 'no remote image, no raw HTML from the notes');
    assert.match(value, /Mentioned 3 times in this document, 6 times in the workspace\./, value);
    assert.match(value, /First appears in \[two\\\.md, line 1\]/, value);
  });

  it('opens the entry on F12, and finds references in both chapters', async () => {
    const definition = await client.request<Location | null>('textDocument/definition', {
      textDocument: { uri: uriOf('one.md') },
      position: at(ONE, 'Emma', 1),
    });
    assert.equal(definition?.uri, rulesUri);
    assert.equal(definition?.range.start.line, 1, 'the entry starts on line 2 of the rules file');
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uriOf('one.md') },
      position: at(ONE, 'Emma'),
      context: { includeDeclaration: true },
    });
    assert.equal(refs.filter((r) => r.uri === uriOf('one.md')).length, 3);
    assert.equal(refs.filter((r) => r.uri === uriOf('two.md')).length, 3);
  });

  it('renames Emma across the workspace and in her entry, refusing where there is no name', async () => {
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: uriOf('one.md') }, position: at(ONE, 'father') }),
      /renames the names it highlights/,
    );
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: uriOf('one.md') },
      position: at(ONE, 'Emma', 1),
    });
    assert.equal(prepared.placeholder, 'Emma');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uriOf('one.md') },
      position: at(ONE, 'Emma', 1),
      newName: 'Harriet',
    });
    assert.equal(
      applied(edit, uriOf('one.md'), ONE),
      'Harriet Woodhouse lived in Highbury with her father.\n\nHarriet visited Harriet Smith on Tuesday. Miss Woodhouse was kind.\n',
    );
    assert.equal(
      applied(edit, uriOf('two.md'), TWO),
      "Chapter two. HARRIET wrote a letter to London.\n\nHarriet's letter reached Harriet Smith and Harriet Woodhouse smiled.\n",
    );
    assert.match(applied(edit, rulesUri, RULES), /text: Harriet Woodhouse\n[^]*aliases: \[Harriet, Miss Woodhouse\]/);
    assert.equal(edit.changeAnnotations?.['samsara.rename.otherNames']?.needsConfirmation, true);
  });

  it("answers where names appear in reading order, and who shares Emma's paragraphs", async () => {
    const appearances = await client.request<Appearances>(AppearancesRequest.method, { labels: ['PERSON'] });
    assert.deepEqual(
      appearances.files.map((f) => f.name),
      ['two.md', 'one.md'],
    );
    const emma = appearances.files[1].entities.find((e) => e.name === 'Emma Woodhouse');
    assert.equal(emma?.count, 3);
    const presence = await client.request<EntityPresence | null>(EntityPresenceRequest.method, { key: emma?.key });
    assert.deepEqual(
      presence?.files.map((f) => [f.name, f.count]),
      [
        ['two.md', 3],
        ['one.md', 3],
      ],
    );
    assert.ok(
      presence?.together.some((t) => t.name === 'Harriet Smith' && t.paragraphs === 2),
      JSON.stringify(presence?.together),
    );
  });

  it('offers to add an entity without an entry to the story bible', async () => {
    const position = at(ONE, 'Harriet Smith');
    const actions = (await client.codeActions(uriOf('one.md'), { start: position, end: position })) ?? [];
    const add = actions.find((a: CodeAction | Command): a is CodeAction => a.title === 'Add "Harriet Smith" to the story bible');
    assert.ok(add?.edit, actions.map((a) => a.title).join('\n'));
    const after = applied(add.edit, rulesUri, readFileSync(join(root, '.samsara', 'entities.yaml'), 'utf8'));
    assert.match(after, /- text: Harriet Smith\n\s+label: PERSON\n\s+notes: ""/);
  });
});
