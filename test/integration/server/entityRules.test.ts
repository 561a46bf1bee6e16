// The workspace's entity rules over LSP, with the real server and the real bundled sidecar: a
// malformed `.samsara/entities.yaml` is reported with file and field path while its valid entries
// apply; editing the file changes the highlights of open documents without a restart, and only
// the blocks the change can affect are analysed again; code actions edit the file (comments and
// order kept) and apply at once; the names for spelling dictionaries.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  Command,
  Diagnostic,
  DocumentSymbol,
  Position,
  SymbolInformation,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ClientCommands,
  EntityRuleEditRequest,
  LabelEntityArgsSchema,
  SpellingNamesRequest,
  type EntityRuleEditResult,
  type SpellingNamesResult,
} from '../../../shared/lsp';
import { documentSymbols, semanticTokens, tokenLegend } from '../../helpers/entityRequests';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, repoRoot, requireRealSidecar } from '../../helpers/paths';
import { decodeTokens } from '../../helpers/semanticTokens';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const SAMPLE = readFileSync(join(repoRoot, 'samples', 'sample.md'), 'utf8');
const RULES_V1 = `# Names the model gets wrong in the sample
known:
  - text: Difference Engine   # a machine, not a company
    label: PRODUCT
  - text: Frodo
    lable: PERSON
  - pattern: [{ POS: PROPN }]
    label: PERSON
`;
const RULES_V2 = `${RULES_V1}ignore:
  texts: [Moon]
`;
const RULES_V3 = `${RULES_V1}ignore:
  texts: [Moon, Albuquerque]
`;

/** Every symbol's name, groups and their entities alike. */
function symbolNames(symbols: readonly (DocumentSymbol | SymbolInformation)[] | null): string[] {
  return (symbols ?? []).flatMap((s) => [s.name, ...('children' in s ? symbolNames(s.children ?? []) : [])]);
}

function messages(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.message);
}

function positionOf(text: string, needle: string, offset = 0): Position {
  const document = TextDocument.create('file:///x', 'markdown', 1, text);
  return document.positionAt(text.indexOf(needle) + offset);
}

function isAction(item: CodeAction | Command): item is CodeAction {
  return 'kind' in item || 'edit' in item || typeof item.command !== 'string';
}

/** The text of `uri` once `edit` is applied to `before` (as a client applies it). */
function applied(edit: WorkspaceEdit, uri: string, before: string): string {
  const change = edit.documentChanges?.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
  assert.ok(change, `the edit changes ${uri}: ${JSON.stringify(edit)}`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, before), change.edits);
}

describe('entity rules files over LSP', { timeout: 240_000 }, () => {
  let client: LspTestClient;
  let workspace: string;
  let rulesPath: string;
  let rulesUri: string;
  let docUri: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'samsara-rules-'));
    mkdirSync(join(workspace, '.samsara'));
    rulesPath = join(workspace, '.samsara', 'entities.yaml');
    rulesUri = pathToFileURL(rulesPath).href;
    writeFileSync(rulesPath, RULES_V1);
    writeFileSync(join(workspace, 'sample.md'), SAMPLE);
    docUri = pathToFileURL(join(workspace, 'sample.md')).href;
    client = await LspTestClient.start({
      settings: { sidecar: { path: realSidecar, startTimeoutMs: 60_000 } },
      workspaceFolder: workspace,
      watchFiles: true,
      initializationOptions: { entityLabelPicker: true },
    });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 90_000 });
    await client.open(docUri, SAMPLE, 'markdown');
  });

  after(async () => {
    await client?.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('reports a malformed file with file and field path, and applies its valid entries', async () => {
    await client.waitForDiagnostics(docUri, (p) => messages(p.diagnostics).some((m) => m.startsWith('"Difference Engine" — PRODUCT')), {
      timeoutMs: 60_000,
    });
    const problems = await client.waitForDiagnostics(rulesUri, (p) => p.diagnostics.length >= 3);
    const seen = problems.diagnostics.map((d) => `${d.range.start.line + 1} ${d.message}`);
    assert.ok(seen.includes('5 known[1].label: is missing'), seen.join('\n'));
    assert.ok(
      seen.some((s) => s.startsWith('6 known[1].lable: unknown field')),
      seen.join('\n'),
    );
    assert.ok(
      seen.some((s) => /^7 known\[2\]: known\[2\]\.pattern\[0\] uses POS.*NEEDS_COMPONENT/.test(s)),
      seen.join('\n'),
    );
    assert.match(client.logText(), new RegExp(`${rulesPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: known\\[1\\]\\.label: is missing`));
    const stats = await client.stats();
    assert.equal(stats.entityRules?.applied, 1);
    assert.match(stats.entityRules?.hash ?? '', /^[0-9a-f]{16}$/);
  });

  it('applies an edit of the file to open documents without a restart, analysing only the blocks it affects', async () => {
    const pid = client.statuses.at(-1)?.pid;
    const before = await client.stats();
    const published = client.publicationCount(docUri);
    const moon = positionOf(SAMPLE, 'Moon');
    const legend = tokenLegend(client);
    const tokensAt = async (position: Position) =>
      decodeTokens((await semanticTokens(client, docUri)).data, legend).filter(
        (t) => t.line === position.line && t.character === position.character,
      );
    assert.equal((await tokensAt(moon)).length, 1, 'the model sees "Moon" (as a PERSON)');

    const saved = performance.now();
    writeFileSync(rulesPath, RULES_V2);
    await client.didChangeWatchedFiles([{ uri: rulesUri, type: 2 }]);
    await client.waitForDiagnostics(docUri, (p) => !messages(p.diagnostics).some((m) => m.startsWith('"Moon"')), { after: published });
    // A figure for CONTRIBUTING.md (not an assertion): saving the file → the document's new entities.
    console.log(`[rules] rules file saved → updated diagnostics of the open document: ${(performance.now() - saved).toFixed(0)} ms`);

    assert.deepEqual(await tokensAt(moon), [], 'no token on "Moon" any more');
    const afterStats = await client.stats();
    assert.equal(afterStats.blocksAnalyzed - before.blocksAnalyzed, 1, 'only the paragraph holding "Moon" went to the sidecar');
    assert.ok((afterStats.blocksCarriedOver ?? 0) - (before.blocksCarriedOver ?? 0) >= 3, JSON.stringify(afterStats));
    assert.equal(client.statuses.at(-1)?.pid, pid, 'the same sidecar process');
  });

  it('names no removed entity in the document symbols after a rules change, and says the entities changed', async () => {
    const named = async () => symbolNames(await documentSymbols(client, docUri));
    assert.ok(
      (await named()).some((name) => name.startsWith('Albuquerque')),
      (await named()).join(', '),
    );
    const changed = client.entitiesChanged.length;
    writeFileSync(rulesPath, RULES_V3);
    await client.didChangeWatchedFiles([{ uri: rulesUri, type: 2 }]);
    // The same version again: no edit made the editor ask for symbols, this notification does
    // (the client refreshes the Outline, breadcrumbs and sticky scroll on it).
    await waitFor(() => client.entitiesChanged.slice(changed).find((c) => c.uri === docUri && c.version === 1), {
      timeoutMs: 60_000,
      message: 'entities changed for the same version after the rules change',
    });
    const after = await named();
    assert.ok(!after.some((name) => name.startsWith('Albuquerque')), `Albuquerque still named: ${after.join(', ')}`);
    assert.ok(
      after.some((name) => name.startsWith('Paris')),
      'the other entities stay',
    );
    const restored = client.entitiesChanged.length;
    writeFileSync(rulesPath, RULES_V2);
    await client.didChangeWatchedFiles([{ uri: rulesUri, type: 2 }]);
    await waitFor(() => client.entitiesChanged.slice(restored).find((c) => c.uri === docUri), { timeoutMs: 60_000 });
  });

  it('offers code actions on an entity that edit the rules file, comments and order kept', async () => {
    const at = positionOf(SAMPLE, 'Charles Babbage', 3);
    const all = ((await client.codeActions(docUri, { start: at, end: at })) ?? []).filter(isAction);
    // "Probe this entity" joins them (no kind); the corrections are the quick fixes.
    assert.ok(all.some((a) => a.title === 'Probe "Charles Babbage" (PERSON)…'));
    const actions = all.filter((a) => a.kind === 'quickfix');
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Not an entity: ignore "Charles Babbage" in this workspace',
        'Label "Charles Babbage" as…',
        'Always treat "Charles Babbage" as PERSON',
        'Add "Charles Babbage" to the story bible',
      ],
    );
    const [ignore, label, always] = actions;
    const text = readFileSync(rulesPath, 'utf8');
    assert.ok(ignore.edit && always.edit);
    assert.equal(applied(ignore.edit, rulesUri, text), RULES_V2.replace('texts: [Moon]', 'texts: [Moon, Charles Babbage]'));
    assert.equal(
      applied(always.edit, rulesUri, text),
      RULES_V2.replace('    label: PERSON\nignore:', '    label: PERSON\n  - text: Charles Babbage\n    label: PERSON\nignore:'),
    );
    assert.deepEqual(ignore.command, {
      title: 'Apply the entity rules',
      command: ClientCommands.entityRulesEdited,
      arguments: [{ rulesFile: rulesUri }],
    });
    // "Label as…" is the client's picker, with the labels to offer (the current one last).
    assert.equal(label.command?.command, ClientCommands.labelEntityAs);
    const args = LabelEntityArgsSchema.parse(label.command?.arguments?.[0]);
    assert.equal(args.currentLabel, 'PERSON');
    assert.equal(args.labels.at(-1)?.label, 'PERSON');
    assert.ok(args.labels.some((l) => l.label === 'ORG' && /Companies/.test(l.explanation)));

    // The picker's choice comes back as a request for the edit; applied and saved, it takes effect.
    const result = await client.request<EntityRuleEditResult | null>(EntityRuleEditRequest.method, {
      uri: docUri,
      action: { kind: 'label', text: 'Charles Babbage', label: 'ORG' },
    });
    assert.ok(result);
    assert.equal(result.rulesFile, rulesUri);
    const published = client.publicationCount(docUri);
    writeFileSync(rulesPath, applied(result.edit, rulesUri, text));
    await client.executeCommand(ClientCommands.entityRulesEdited, [{ rulesFile: rulesUri }]);
    await client.waitForDiagnostics(docUri, (p) => messages(p.diagnostics).some((m) => m.startsWith('"Charles Babbage" — ORG')), {
      after: published,
    });
  });

  it('offers "Mark as…" on a selection that is not an entity', async () => {
    const start = positionOf(SAMPLE, 'early computing');
    const end = positionOf(SAMPLE, 'early computing', 'early computing'.length);
    const actions = ((await client.codeActions(docUri, { start, end })) ?? []).filter(isAction);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Mark "early computing" as…'],
    );
  });

  it('answers the names for spelling dictionaries: known and found', async () => {
    const names = await client.request<SpellingNamesResult>(SpellingNamesRequest.method, { scope: 'workspace' });
    assert.equal(names.scope, 'open');
    assert.equal(names.documents, 1);
    const byText = new Map(names.names.map((n) => [n.text, n]));
    assert.deepEqual(byText.get('Difference Engine'), { text: 'Difference Engine', label: 'PRODUCT', source: 'known', mentions: 1 });
    assert.equal(byText.get('Ada Lovelace')?.source, 'found');
    assert.equal(byText.get('5 June 1833'), undefined, 'dates are not names');
  });

  it('creates the rules file when the workspace has none', async () => {
    const published = client.publicationCount(rulesUri);
    rmSync(rulesPath);
    await client.didChangeWatchedFiles([{ uri: rulesUri, type: 3 }]);
    await client.waitForDiagnostics(rulesUri, (p) => p.diagnostics.length === 0, { after: published });
    const at = positionOf(SAMPLE, 'Neil Armstrong', 2);
    const actions = ((await client.codeActions(docUri, { start: at, end: at })) ?? []).filter(isAction);
    const ignore = actions.find((a) => a.title.startsWith('Not an entity'));
    assert.deepEqual(ignore?.edit?.documentChanges?.[0], { kind: 'create', uri: rulesUri, options: { ignoreIfExists: true } });
    const created = applied(ignore.edit ?? {}, rulesUri, '');
    assert.match(created, /^# Samsara entity rules/);
    assert.match(created, /\nignore:\n {2}texts:\n {4}- Neil Armstrong\n$/);
  });
});
