// The other probe commands from the palette in the real VS Code (code-server + Chromium), against
// two local fakes speaking different wire formats (OpenAI chat completions, Anthropic Messages):
// compare both models side by side, reopen a saved transcript, and clear a key — after which a
// probe fails with a missing-key error that offers "Set API Key…". No key appears in any
// notification, in the settings, or in any file under the workspace or the user-data dir.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { comparisonToMarkdown, transcriptToMarkdown } from '../../shared/probes/transcriptMarkdown';
import { transcriptSchema, type Transcript } from '../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProviders/fakeProvider';
import { FAKE_MODEL_VERSION } from '../fixtures/fakeProviders/wireShapes';
import { waitFor } from '../helpers/waitFor';
import { pick, quickPickRows, runPaletteCommand, setApiKey, waitForQuickInputTitle } from './harness/quickInput';
import { compareView, historyPane, readColours, readCompareLayout } from './harness/probeViews';
import { RESULTS_DIR, startSession, type Session } from './harness/session';
import { activeEditor, openFile, runCommand } from './harness/workbench';
import { webviewPage } from './harness/writerFlows';

const OPENAI_KEY = 'sk-e2e-OPENAI-DISTINCTIVE-9f8e7d6c5b';
const ANTHROPIC_KEY = 'sk-ant-e2e-DISTINCTIVE-1a2b3c4d5e';
const OPENAI_MODEL = 'openai:gpt-e2e';
const ANTHROPIC_MODEL = 'anthropic:claude-e2e';
// How the views name them: the provider's display name, then the model.
const OPENAI_LABEL = 'OpenAI gpt-e2e';
const ANTHROPIC_LABEL = 'Anthropic claude-e2e';
// Each reply keeps some names of sample.txt, leaves others out and brings one it does not hold,
// so the compare view's fidelity columns have something in each of them.
const openaiReply = (n: number): string => `OPENAI-E2E reply ${n}: Barack Obama met Angela Merkel in Paris.`;
const anthropicReply = (n: number): string => `ANTHROPIC-E2E reply ${n}: Google bought Fitbit; Obama was born in Hawaii.`;

// Runs in the page (no DOM types here): how wide the page's content is, and its window.
const widthOf = new Function(
  'body',
  'const root = body.ownerDocument.documentElement; return { content: root.scrollWidth, viewport: root.clientWidth };',
) as (body: unknown) => { content: number; viewport: number };

/** Selects the whole of sample.txt in the editor. */
async function selectSample(page: Page): Promise<void> {
  await openFile(page, 'sample.txt');
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+A');
}

/** Every transcript JSON saved in the workspace's probe folder, parsed and checked by the schema. */
function savedTranscripts(folder: string): Map<string, Transcript> {
  const found = new Map<string, Transcript>();
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.json'))) {
    const raw: unknown = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    found.set(name, transcriptSchema.parse(raw));
  }
  return found;
}

/** The conversation requests a fake received (GETs list its models for the picker). */
function posts(fake: FakeProvider): FakeProvider['requests'] {
  return fake.requests.filter((r) => r.method === 'POST');
}

/** Files under `root` whose bytes contain `needle` (relative paths). */
function filesContaining(root: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(path);
      else if (stat?.isFile() && readFileSync(path).includes(needle)) hits.push(path.slice(root.length + 1));
    }
  };
  walk(root);
  return hits;
}

describe('probe palette commands in the real VS Code', { timeout: 600_000 }, () => {
  let openai: FakeProvider;
  let anthropic: FakeProvider;
  let session: Session;
  let folder: string;

  before(async () => {
    openai = await startFakeProvider('openai', { respond: (r) => ({ kind: 'reply', text: openaiReply(r.n) }) });
    anthropic = await startFakeProvider('anthropic', { respond: (r) => ({ kind: 'reply', text: anthropicReply(r.n) }) });
    session = await startSession({
      userSettings: {
        'samsara.probes.baseUrls': { openai: openai.baseUrl, anthropic: anthropic.baseUrl },
        // A third model the comparison leaves unchecked (nothing listens for it).
        'samsara.probes.models': [OPENAI_MODEL, ANTHROPIC_MODEL, 'ollama:llama3.1'],
      },
    });
    folder = join(session.workspace, '.samsara', 'probes');
  });

  after(async () => {
    await session?.stop();
    await openai?.close();
    await anthropic?.close();
  });

  it('compares two models side by side and saves one transcript per model', async () => {
    const { page } = session;
    await session.step('compare-set-keys', async () => {
      await setApiKey(page, 'openai', 'OpenAI', OPENAI_KEY);
      await setApiKey(page, 'anthropic', 'Anthropic', ANTHROPIC_KEY);
    });

    await session.step('compare-open-transcript-none-yet', async () => {
      await runCommand(page, 'Samsara: Open Probe Transcript…');
      await page.locator('.notifications-toasts', { hasText: 'no probe transcripts in .samsara/probes yet' }).waitFor({ timeout: 15_000 });
    });

    await session.step('compare-run', async () => {
      await selectSample(page);
      await runPaletteCommand(page, 'Samsara: Compare Models…', 'Probe scenario');
      await pick(page, 'summarize', 'Summarise, then follow up');
      await waitForQuickInputTitle(page, 'Compare which models?');
      const offered = await quickPickRows(page);
      for (const model of [OPENAI_MODEL, ANTHROPIC_MODEL, 'ollama:llama3.1']) {
        assert.ok(
          offered.some((row) => row.includes(model)),
          `${model} is offered (rows: ${offered.join(' | ')})`,
        );
      }
      // What each provider lists for the stored key joins the configured models as it arrives.
      for (const listed of ['openai:gpt-fake-mini', 'anthropic:claude-fake-haiku']) {
        await waitFor(async () => (await quickPickRows(page)).some((row) => row.includes(listed)), {
          message: `${listed} listed by its provider`,
        });
      }
      // Check two of the three: clicking a row's label toggles its checkbox.
      for (const model of [OPENAI_MODEL, ANTHROPIC_MODEL]) {
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: model }).first();
        await row.locator('.quick-input-list-label').click();
        await row.locator('.monaco-custom-toggle.checked').waitFor({ timeout: 5000 });
      }
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: 'Compare: Summarise, then follow up (2)' }).waitFor({ timeout: 60_000 });
    });

    await session.step('compare-view', async () => {
      // Side by side: the compare view opened beside the sample, in a second editor group.
      assert.equal(await page.locator('.editor-group-container').count(), 2, 'the compare view opens beside the editor');
      const view = compareView(page);
      await view.locator('table.turn[data-turn="3"]').waitFor({ timeout: 30_000 });
      const heads = await view.locator('table.turn[data-turn="1"] thead th[data-model]').allInnerTexts();
      assert.deepEqual(heads, [OPENAI_LABEL, ANTHROPIC_LABEL], 'one column per model, in the order they were picked');
      for (const turn of [1, 2, 3]) {
        const replies = await view.locator(`table.turn[data-turn="${turn}"] tr[data-row="Reply"] td`).allInnerTexts();
        assert.deepEqual(replies, [openaiReply(turn), anthropicReply(turn)], `both replies of turn ${turn}, side by side`);
      }
      const rows = await view
        .locator('table.turn[data-turn="1"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
      assert.deepEqual(rows, ['Reply', 'Tokens', 'Latency', 'Finish', 'Retries', 'Mentioned', 'Missing', 'Not in the source']);
      const cell = async (row: string): Promise<string[]> =>
        view.locator(`table.turn[data-turn="1"] tr[data-row="${row}"] td`).allInnerTexts();
      const [openaiMentioned, anthropicMentioned] = await cell('Mentioned');
      assert.match(openaiMentioned, /Barack Obama/);
      assert.match(openaiMentioned, /Paris/);
      assert.match(anthropicMentioned, /Google/);
      const [openaiMissing] = await cell('Missing');
      assert.match(openaiMissing, /Honolulu/, 'a name of the selection the reply leaves out');
      const [openaiInvented, anthropicInvented] = await cell('Not in the source');
      assert.match(openaiInvented, /Angela Merkel/, 'a name the selection does not hold');
      assert.doesNotMatch(anthropicInvented, /Angela Merkel/);
      // The page follows the theme: its background is the editor's, not a colour of its own.
      const colours = await view.locator('body').evaluate(readColours);
      assert.ok(colours.editor !== '', 'the theme variables reach the page');
      assert.notEqual(colours.background, 'rgba(0, 0, 0, 0)');
      // At half the window's width it still reads: no word or figure broken across lines, and a
      // table too wide for its box scrolls sideways instead of losing columns.
      const layout = await view.locator('body').evaluate(readCompareLayout);
      assert.deepEqual(layout, { brokenWords: [], wrappedNumbers: [], cutTables: 0 });
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, 'compare-view-half-width.png') });
    });

    await session.step('compare-view-screenshot', async () => {
      // The compare view alone on screen, for test-results/compare-view.png.
      await runCommand(page, 'Notifications: Clear All Notifications');
      await runCommand(page, 'View: Close Editors in Other Groups');
      await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
      await compareView(page).locator('table.turn[data-turn="1"]').waitFor({ timeout: 10_000 });
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, 'compare-view.png') });
      await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    });

    await session.step('compare-read-result', async () => {
      assert.equal(posts(openai).length, 3, 'the OpenAI fake answered the three turns');
      assert.equal(posts(anthropic).length, 3, 'the Anthropic fake answered the three turns');
      // Compared without assert.equal so a failure does not print the keys.
      assert.ok(
        posts(openai)[0].headers.authorization === `Bearer ${OPENAI_KEY}`,
        'the OpenAI key from SecretStorage reached its provider',
      );
      assert.ok(posts(anthropic)[0].headers['x-api-key'] === ANTHROPIC_KEY, 'the Anthropic key from SecretStorage reached its provider');

      const transcripts = await waitFor(
        () => {
          const saved = savedTranscripts(folder);
          return saved.size >= 2 ? saved : undefined;
        },
        { message: 'two saved transcripts' },
      );
      assert.equal(transcripts.size, 2, 'one JSON per checked model, none for the unchecked one');
      const byModel = new Map([...transcripts.values()].map((t) => [t.modelRequested, t]));
      const cases = [
        { model: OPENAI_MODEL, version: FAKE_MODEL_VERSION.openai, reply: openaiReply },
        { model: ANTHROPIC_MODEL, version: FAKE_MODEL_VERSION.anthropic, reply: anthropicReply },
      ];
      for (const { model, version, reply } of cases) {
        const t = byModel.get(model);
        assert.ok(t, `a transcript for ${model}`);
        assert.equal(t.schemaVersion, 3);
        assert.equal(t.run.group, [...transcripts.values()][0].run.group, 'both runs carry the comparison group');
        assert.ok(t.turns[0].entities, `${model}: the entity fidelity of each reply is recorded`);
        assert.equal(t.run.outcome, 'completed');
        assert.equal(t.modelVersion, version, `${model} records the version its provider reported`);
        assert.deepEqual(
          t.turns.map((turn) => turn.response),
          [1, 2, 3].map(reply),
        );
      }
      // "Open Comparison as Markdown" (the compare view's title bar) saves the same comparison as Markdown.
      await page.locator('.tab.active', { hasText: 'Compare: Summarise, then follow up (2)' }).click();
      await runCommand(page, 'Samsara: Open Comparison as Markdown');
      await page.locator('.tab.active', { hasText: /-summarize-compare\.md/ }).waitFor({ timeout: 30_000 });
      const compareName = readdirSync(folder).find((n) => n.endsWith('-compare.md'));
      assert.ok(compareName, 'the comparison Markdown is saved');
      const comparison = readFileSync(join(folder, compareName), 'utf8');
      assert.equal(comparison, comparisonToMarkdown([byModel.get(OPENAI_MODEL)!, byModel.get(ANTHROPIC_MODEL)!]));
    });
  });

  it('Open Probe Transcript… lists the comparison once, with its models and passage, and reopens its compare view', async () => {
    const { page } = session;
    await session.step('open-transcript', async () => {
      await runCommand(page, 'View: Close All Editor Groups');
      await runPaletteCommand(page, 'Samsara: Open Probe Transcript…', 'Open probe transcript');
      const rows = await quickPickRows(page);
      assert.equal(rows.length, 1, `the two runs of the comparison are one row (rows: ${rows.join(' | ')})`);
      for (const fact of [
        'Summarise, then follow up',
        OPENAI_LABEL,
        ANTHROPIC_LABEL,
        '2 models',
        'completed',
        'Barack Obama',
        'sample.txt, lines',
      ]) {
        assert.ok(rows[0].includes(fact), `the row says ${fact} (${rows[0]})`);
      }
      await pick(page, 'Barack', 'Summarise, then follow up');
      await page.locator('.tab.active', { hasText: 'Compare: Summarise, then follow up (2)' }).waitFor({ timeout: 30_000 });
      await compareView(page).locator('table.turn[data-turn="3"]').waitFor({ timeout: 30_000 });
      // Each saved Markdown file is the rendering of its JSON transcript.
      for (const [name, transcript] of savedTranscripts(folder)) {
        const markdown = readFileSync(join(folder, name.replace(/\.json$/, '.md')), 'utf8');
        assert.equal(markdown, transcriptToMarkdown(transcript), `${name}: the Markdown is the rendering of the transcript`);
      }
    });
  });

  it('the Probe History view lists the comparison and opens a transcript and the compare view again', async () => {
    const { page } = session;
    await session.step('history-open-transcript', async () => {
      await runCommand(page, 'View: Close All Editor Groups');
      const pane = await historyPane(page);
      const comparison = pane.locator('.monaco-list-row', { hasText: 'Comparison: Summarise, then follow up' });
      await comparison.waitFor({ timeout: 30_000 });
      // Clicking the comparison reopens the compare view from the saved transcripts.
      await comparison.click();
      await page.locator('.tab.active', { hasText: 'Compare: Summarise, then follow up (2)' }).waitFor({ timeout: 30_000 });
      await compareView(page).locator('table.turn[data-turn="3"]').waitFor({ timeout: 30_000 });
      const child = pane.locator('.monaco-list-row', { hasText: ANTHROPIC_LABEL });
      if (!(await child.isVisible())) await comparison.locator('.monaco-tl-twistie').click();
      await child.click();
      const stem = [...savedTranscripts(folder).keys()]
        .map((n) => n.replace(/\.json$/, ''))
        .find((n) => n.endsWith('-anthropic-claude-e2e'));
      assert.ok(stem);
      // A transcript opens as the rendered preview of its Markdown.
      await page.locator('.tab.active', { hasText: `[Preview] ${stem}.md` }).waitFor({ timeout: 20_000 });
      await webviewPage(page)
        .locator('body', { hasText: anthropicReply(1) })
        .waitFor({ timeout: 20_000 });
      const markdown = readFileSync(join(folder, `${stem}.md`), 'utf8');
      assert.match(
        markdown,
        /\*\*Entities\*\* _\(heuristic\)_: \d+ of \d+ source names mentioned/,
        "the transcript shows each reply's entity fidelity",
      );
    });
  });

  it('runs a campaign file: results per model in the compare view, its runs under the campaign in the history', async () => {
    const { page } = session;
    await session.step('campaign-run', async () => {
      await runCommand(page, 'View: Close All Editor Groups');
      const campaigns = join(session.workspace, '.samsara', 'campaigns');
      mkdirSync(campaigns, { recursive: true });
      // The OpenAI fake names Paris, the Anthropic one never does: one model meets the expectation.
      writeFileSync(
        join(campaigns, 'news.yaml'),
        [
          'name: news',
          'scenarios: [summarize]',
          `models: [${OPENAI_MODEL}, ${ANTHROPIC_MODEL}]`,
          'expect: {mention: [Paris]}',
          'passages:',
          '  - {id: sample, file: sample.txt}',
          '',
        ].join('\n'),
      );
      const before = { openai: posts(openai).length, anthropic: posts(anthropic).length };
      // From the palette with no campaign file open: the workspace's only campaign file is the one run.
      await runCommand(page, 'Samsara: Run Campaign…');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await dialog.innerText(), /Run campaign "news": 2 jobs on 2 models\?/);
      await dialog.locator('.monaco-button', { hasText: 'Run' }).first().click();
      await page.locator('.tab.active', { hasText: 'Campaign: news' }).waitFor({ timeout: 90_000 });
      const view = compareView(page);
      const row = view.locator('tr[data-passage="sample.txt"]');
      await row.waitFor({ timeout: 30_000 });
      assert.match(await row.locator(`td[data-model="${OPENAI_MODEL}"]`).innerText(), /✓ passed[\s\S]*✓ met mention Paris/);
      assert.match(
        await row.locator(`td[data-model="${ANTHROPIC_MODEL}"]`).innerText(),
        /✗ failed[\s\S]*✗ not met mention Paris — not mentioned/,
      );
      // Three turns of the scenario per model: each job went to its own provider.
      assert.equal(posts(openai).length - before.openai, 3);
      assert.equal(posts(anthropic).length - before.anthropic, 3);
      await page.screenshot({ path: join(RESULTS_DIR, 'campaign-view.png') });
      // Half the window: the columns wrap, nothing scrolls sideways.
      await page.setViewportSize({ width: 700, height: 900 });
      try {
        await waitFor(async () => (await view.locator('body').evaluate(widthOf)).viewport < 500, { message: 'the view narrows' });
        const { content, viewport } = await view.locator('body').evaluate(widthOf);
        assert.ok(content <= viewport + 1, `no sideways scroll at half width (${content} > ${viewport})`);
        await page.screenshot({ path: join(RESULTS_DIR, 'campaign-view-narrow.png') });
      } finally {
        await page.setViewportSize({ width: 1400, height: 900 });
      }
    });

    await session.step('campaign-history', async () => {
      const pane = await historyPane(page);
      const campaign = pane.locator('.monaco-list-row', { hasText: 'Campaign: news' });
      await campaign.waitFor({ timeout: 30_000 });
      assert.match(await campaign.innerText(), /2 runs, 2 models/);
      const grouped = [...savedTranscripts(folder).values()].filter((t) => t.run.group === 'campaign:news');
      assert.deepEqual(grouped.map((t) => t.modelRequested).sort(), [ANTHROPIC_MODEL, OPENAI_MODEL]);
    });

    await session.step('campaign-reopen', async () => {
      // Closed, then opened again from what the run kept: the same verdicts, nothing sent.
      await runCommand(page, 'View: Close All Editor Groups');
      const before = { openai: posts(openai).length, anthropic: posts(anthropic).length };
      await runCommand(page, 'Samsara: Open Campaign Results…');
      await page.locator('.tab.active', { hasText: 'Campaign: news' }).waitFor({ timeout: 30_000 });
      const view = compareView(page);
      const row = view.locator('tr[data-passage="sample.txt"]');
      await row.waitFor({ timeout: 30_000 });
      assert.match(
        await view.locator('body').innerText(),
        /2\/2 jobs have results · opened from [^\n]*news\.results[^\n]*nothing was sent/,
      );
      assert.match(await row.locator(`td[data-model="${OPENAI_MODEL}"]`).innerText(), /✓ passed[\s\S]*✓ met mention Paris/);
      assert.match(await row.locator(`td[data-model="${ANTHROPIC_MODEL}"]`).innerText(), /✗ failed[\s\S]*✗ not met mention Paris/);
      assert.deepEqual({ openai: posts(openai).length, anthropic: posts(anthropic).length }, before);
      await page.screenshot({ path: join(RESULTS_DIR, 'campaign-reopened.png') });
    });
  });

  it('clears a key; a probe with that provider then asks for the key before sending anything', async () => {
    const { page } = session;
    await session.step('clear-key', async () => {
      await runPaletteCommand(page, 'Samsara: Clear API Key…', 'Clear the API key of which provider?');
      const rows = await quickPickRows(page);
      assert.deepEqual(
        rows.map((r) => r.split(/[\s,]/)[0]),
        ['OpenAI', 'Anthropic'],
        `only stored keys are offered (rows: ${rows.join(' | ')})`,
      );
      await pick(page, 'openai', 'OpenAI');
      await page.locator('.notifications-toasts', { hasText: 'API key for OpenAI cleared' }).waitFor({ timeout: 15_000 });
    });

    await session.step('probe-without-key', async () => {
      const before = posts(openai).length;
      // One editor group again (the comparison opened a second one), so the sample opens once.
      await runCommand(page, 'View: Close All Editor Groups');
      await selectSample(page);
      await runPaletteCommand(page, 'Samsara: Probe Selection…', 'Probe scenario');
      await pick(page, 'summarize', 'Summarise, then follow up');
      await waitForQuickInputTitle(page, 'Samsara: Model');
      await pick(page, OPENAI_MODEL, OPENAI_MODEL);
      // A model of a provider without a key: its key is asked for before anything is sent.
      await waitForQuickInputTitle(page, 'API key for OpenAI');
      assert.equal(posts(openai).length, before, 'nothing was sent without a key');
      // Escape there goes back to the model list, as it was; Escape again ends the probe.
      await page.keyboard.press('Escape');
      await waitForQuickInputTitle(page, 'Samsara: Model');
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
      assert.equal(posts(openai).length, before, 'nothing is sent when no key is given');
    });

    await session.step('keys-never-shown-or-saved', async () => {
      await runCommand(page, 'Notifications: Show Notifications');
      const center = page.locator('.notifications-center');
      await center.locator('.notification-list-item', { hasText: 'API key for OpenAI cleared' }).waitFor({ timeout: 10_000 });
      const notifications = await center.innerText();
      const settings = readFileSync(join(session.server.userDataDir, 'User', 'settings.json'), 'utf8');
      // The searches below can find things: the extension's log and the saved replies are there.
      assert.notDeepEqual(
        filesContaining(session.server.userDataDir, 'API key for OpenAI stored in secret storage'),
        [],
        'the extension log is under the user-data dir',
      );
      assert.notDeepEqual(filesContaining(session.workspace, anthropicReply(1)), [], 'the transcripts are in the workspace');
      for (const key of [OPENAI_KEY, ANTHROPIC_KEY]) {
        assert.ok(!notifications.includes(key), 'a key appears in a notification');
        assert.ok(!settings.includes(key), 'a key appears in settings.json');
        assert.deepEqual(filesContaining(session.workspace, key), [], 'a key appears in a workspace file');
        assert.deepEqual(filesContaining(session.server.userDataDir, key), [], 'a key appears under the user-data dir');
      }
    });
  });
});
