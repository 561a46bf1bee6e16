// Highlighting at scale over stdio with the real sidecar, on real prose (the Jargon File): every
// entity of a 300 KB document is a semantic token, to its last lines and far beyond the 1,000
// diagnostics VS Code would keep; a one-line edit comes back as a delta touching only its
// paragraph; the first screen of a 1.5 MB document is answered by a range request from the
// blocks it covers. Correctness only: the bench measures the speed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Range } from 'vscode-languageserver';
import { tokenTypeOf } from '../../../shared/entityTokens';
import { DocumentEntitiesSchema } from '../../../shared/lsp';
import { jargonProse, jargonText } from '../../helpers/corpus';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { applyEdits, decodeTokens, type DecodedToken } from '../../helpers/semanticTokens';
import { documentEntities, semanticTokens, semanticTokensDelta, semanticTokensRange, tokenLegend } from '../../helpers/entityRequests';

requireRealSidecar();

/** The tokens a client should see for `mentions`: one per line an entity covers. */
function expectedTokens(lines: string[], mentions: { range: Range; label: string }[]): DecodedToken[] {
  const tokens: DecodedToken[] = [];
  for (const { range, label } of mentions) {
    for (let line = range.start.line; line <= range.end.line; line++) {
      const from = line === range.start.line ? range.start.character : 0;
      const to = line === range.end.line ? range.end.character : lines[line].replace(/\r$/, '').length;
      if (to > from) tokens.push({ line, character: from, length: to - from, type: tokenTypeOf(label) });
    }
  }
  return tokens.sort((a, b) => a.line - b.line || a.character - b.character);
}

describe('highlighting real prose at scale', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { sidecar: { path: realSidecar } } });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
  });

  const text = jargonProse(300_000);
  const lines = text.split('\n');
  const uri = 'file:///jargon.txt';
  let resultId: string;
  let data: number[];

  it('gives every entity of a 300 KB document a token, to its last lines', async () => {
    await client.open(uri, text);
    const full = await semanticTokens(client, uri);
    assert.ok(full.resultId);
    resultId = full.resultId;
    data = full.data;
    const tokens = decodeTokens(data, tokenLegend(client));
    const model = DocumentEntitiesSchema.parse(await documentEntities(client, uri));
    const mentions = model.labels.flatMap((l) => l.entities.flatMap((e) => e.mentions.map((range) => ({ range, label: l.label }))));
    assert.deepEqual(tokens, expectedTokens(lines, mentions), 'one token per entity line, at its exact range, of its label type');
    assert.ok(mentions.length > 1000, `${mentions.length} entities: more than VS Code's 1,000 markers`);
    const lastTenth = Math.floor(lines.length * 0.9);
    const late = mentions.filter((m) => m.range.start.line >= lastTenth);
    assert.ok(late.length > 0, 'entities on the last 10 % of lines');
    assert.equal(tokens.filter((t) => t.line >= lastTenth).length, expectedTokens(lines, late).length);
    const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.equal(diagnostics.diagnostics.length, 1000, 'diagnostics stop at samsara.diagnostics.maxPerDocument');
  });

  it('answers a one-line edit with a delta that touches only that paragraph', async () => {
    const line = lines.findIndex((l, i) => i > lines.length / 2 && /^ {3}\w.{40,}/.test(l) && lines[i - 1].trim() !== '');
    const paragraphStart =
      lines
        .slice(0, line)
        .map((l) => l.trim())
        .lastIndexOf('') + 1;
    const paragraphEnd = line + lines.slice(line).findIndex((l) => l.trim() === '') - 1;
    await client.change(uri, 2, [
      { range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: 'Angela Merkel met Bill Gates. ' },
    ]);
    const delta = await semanticTokensDelta(client, uri, resultId);
    assert.ok('edits' in delta, 'edits, not the whole data');
    assert.equal(delta.edits.length, 1);
    const [edit] = delta.edits;
    const legend = tokenLegend(client);
    const before = decodeTokens(data, legend);
    const rebuilt = applyEdits(data, delta.edits);
    const after = decodeTokens(rebuilt, legend);
    const removed = before.slice(edit.start / 5, (edit.start + edit.deleteCount) / 5);
    const added = after.slice(edit.start / 5, edit.start / 5 + (edit.data?.length ?? 0) / 5);
    const key = (t: DecodedToken): string => `${t.line}:${t.character}:${t.length}:${t.type}`;
    const inParagraph = (t: DecodedToken): boolean => t.line >= paragraphStart && t.line <= paragraphEnd;
    // What changed, in absolute positions, is all inside the edited paragraph.
    const beforeKeys = new Set(before.map(key));
    const afterKeys = new Set(after.map(key));
    const changed = [...before.filter((t) => !afterKeys.has(key(t))), ...after.filter((t) => !beforeKeys.has(key(t)))];
    assert.ok(changed.length > 0 && changed.every(inParagraph), JSON.stringify(changed));
    // The edit itself re-sends at most the first token after the paragraph, unchanged in place
    // (its position is relative to a token of the paragraph).
    const outside = [...removed, ...added].filter((t) => !inParagraph(t));
    assert.ok(outside.length <= 2 && outside.every((t) => beforeKeys.has(key(t)) && afterKeys.has(key(t))), JSON.stringify(outside));
    assert.ok(
      added.some((t) => t.line === line && t.character === 3 && t.type === 'person'),
      'Angela Merkel is a new token',
    );
    assert.ok(JSON.stringify(delta).length < 2000, `a small payload: ${JSON.stringify(delta).length} bytes`);
    const full = await semanticTokens(client, uri);
    assert.deepEqual(rebuilt, full.data, 'the delta rebuilds the full result');
  });

  it('answers a range request for the first screen of a 1.5 MB document from the blocks it covers', async () => {
    const big = 'file:///jargon-full.txt';
    const whole = jargonText().slice(0, 1_500_000);
    const bigLines = whole.split('\n');
    const middle = Math.floor(bigLines.length / 2);
    const before = await client.stats();
    await client.open(big, whole);
    const screen = { start: { line: middle, character: 0 }, end: { line: middle + 60, character: 0 } };
    const ranged = decodeTokens((await semanticTokensRange(client, big, screen)).data, tokenLegend(client));
    assert.ok(ranged.length > 0, 'entities on the screen');
    const stats = await client.stats();
    assert.ok(stats.interactiveBatches - before.interactiveBatches >= 2, 'the first screen, then the requested one, as interactive work');
    const full = decodeTokens((await semanticTokens(client, big)).data, tokenLegend(client));
    const inScreen = (t: DecodedToken): boolean => t.line >= middle && t.line < middle + 60;
    assert.deepEqual(ranged.filter(inScreen), full.filter(inScreen), 'the range answer equals the full answer on the screen');
    assert.ok(
      full.some((t) => t.line >= bigLines.length - 200),
      'tokens to the end of the 1.5 MB document',
    );
    await client.close(big);
  });
});
