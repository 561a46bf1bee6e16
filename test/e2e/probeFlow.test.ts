// The probe flow a writer walks through in the real VS Code (code-server + Chromium), against
// local fakes speaking the OpenAI and Anthropic wire formats: a probe of a provider without a key
// asks for the key and carries on where it stopped; its transcript opens as the rendered Markdown
// preview and both its files say which document and lines the passage came from; the transcript
// itself is never highlighted while the sample is; Compare Models stays open and says why when
// one model is ticked, and its result lists every chosen model, failed ones with the reason; the
// editor's context menu offers both commands on a selection. No key appears in any output.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { modelLabel } from '../../shared/probes/providers';
import { transcriptSchema, type Transcript } from '../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider, type FakeStep } from '../fixtures/fakeProviders/fakeProvider';
import { waitFor } from '../helpers/waitFor';
import {
  clearWorkbench,
  contextMenuOn,
  quickInputMessage,
  quickInputTitle,
  quickPickRow,
  rowButtons,
  selectLines,
  tick,
  tickedRows,
  toast,
  toastButtons,
} from './harness/probeFlow';
import { compareView } from './harness/probeViews';
import { pick, quickPickRows, runPaletteCommand, setApiKey, waitForQuickInputTitle } from './harness/quickInput';
import { startSession, type Session } from './harness/session';
import { readDrawnTexts, waitForHighlighted } from './harness/tokenColours';
import { activeEditor, openFile, runCommand } from './harness/workbench';
import { editorContextMenu, webviewPage } from './harness/writerFlows';
import { SAMPLE, SAMPLE_TXT } from './scenarios';

const OPENAI_KEY = 'sk-e2e-FLOW-OPENAI-7c6b5a4d3e';
const ANTHROPIC_KEY = 'sk-ant-e2e-FLOW-2b3c4d5e6f';
const OPENAI_MODEL = 'openai:gpt-e2e';
const ANTHROPIC_MODEL = 'anthropic:claude-e2e';
/** A model whose provider never gets a key in this suite. */
const GEMINI_MODEL = 'gemini:gemini-e2e';
const SCENARIO = 'Summarise, then follow up';
const openaiReply = (n: number): string => `OPENAI-FLOW reply ${n}: Barack Obama met Angela Merkel in Berlin.`;
const anthropicReply = (n: number): string => `ANTHROPIC-FLOW reply ${n}: Google bought Fitbit.`;
const REFUSAL = 'E2E-REFUSED: the fake declines this prompt';
/** The passage probed: lines 2–3 of sample.txt. */
const LINES = { start: 2, end: 3 };

const posts = (fake: FakeProvider): FakeProvider['requests'] => fake.requests.filter((r) => r.method === 'POST');

/** Every transcript JSON saved in `folder`, by file name. */
function savedTranscripts(folder: string): Map<string, Transcript> {
  const found = new Map<string, Transcript>();
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    return found;
  }
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    found.set(name, transcriptSchema.parse(JSON.parse(readFileSync(join(folder, name), 'utf8'))));
  }
  return found;
}

describe('the probe flow in the real VS Code', { timeout: 900_000 }, () => {
  let openai: FakeProvider;
  let anthropic: FakeProvider;
  let session: Session;
  let folder: string;
  let anthropicFails = false;
  /** The stem of the transcript the first probe saved (name without .json / .md). */
  let stem = '';

  before(async () => {
    openai = await startFakeProvider('openai', { respond: (r) => ({ kind: 'reply', text: openaiReply(r.n) }) });
    anthropic = await startFakeProvider('anthropic', {
      respond: (r): FakeStep =>
        anthropicFails
          ? { kind: 'error', status: 400, type: 'invalid_request_error', message: REFUSAL }
          : { kind: 'reply', text: anthropicReply(r.n) },
    });
    session = await startSession({
      userSettings: {
        'samsara.probes.baseUrls': { openai: openai.baseUrl, anthropic: anthropic.baseUrl },
        'samsara.probes.models': [OPENAI_MODEL, ANTHROPIC_MODEL, GEMINI_MODEL],
      },
    });
    folder = join(session.workspace, '.samsara', 'probes');
  });

  after(async () => {
    await session?.stop();
    await openai?.close();
    await anthropic?.close();
  });

  it('a probe of a provider without a key asks for the key, then carries on to its transcript', async () => {
    const { page } = session;
    await session.step('flow-key-pick-model', async () => {
      await selectLines(page, SAMPLE_TXT.file, LINES.start, LINES.end);
      await runPaletteCommand(page, 'Samsara: Probe Selection…', 'Probe scenario');
      await pick(page, 'summarize', SCENARIO);
      await waitForQuickInputTitle(page, 'Samsara: Model');
      // The picker says which models have no key yet, and offers to set it from the row.
      const row = quickPickRow(page, OPENAI_MODEL);
      await row.waitFor({ timeout: 10_000 });
      assert.match(((await row.getAttribute('aria-label')) ?? '').replace(/\s+/g, ' '), /OpenAI: no API key yet/);
      assert.ok(
        (await rowButtons(row)).some((b) => b.startsWith('Set API Key…')),
        'the row of a model without a key has a "Set API Key…" button',
      );
      await pick(page, OPENAI_MODEL, OPENAI_MODEL);
    });

    await session.step('flow-key-enter', async () => {
      // Picking it asks for the key at once, saying the probe goes on afterwards.
      await waitForQuickInputTitle(page, 'API key for OpenAI');
      assert.match(await quickInputMessage(page), /The probe continues once it is stored/);
      assert.equal(posts(openai).length, 0, 'nothing is sent before the key is there');
      await page.locator('.quick-input-widget .quick-input-box input').fill(OPENAI_KEY);
      await page.keyboard.press('Enter');
    });

    await session.step('flow-key-carries-on', async () => {
      // No scenario or model asked again: the probe runs and its transcript opens.
      await page.locator('.tab.active', { hasText: /Preview\]? .*summarize-openai-gpt-e2e\.md/ }).waitFor({ timeout: 90_000 });
      assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'no picker is open again');
      assert.equal(posts(openai).length, 3, 'one run of the three turns');
      assert.ok(posts(openai)[0].headers.authorization === `Bearer ${OPENAI_KEY}`, 'the key just entered reached the provider');
      const saved = [...savedTranscripts(folder).entries()].filter(([, t]) => t.modelRequested === OPENAI_MODEL);
      assert.equal(saved.length, 1, 'one transcript saved');
      assert.equal(saved[0][1].run.outcome, 'completed');
      stem = saved[0][0].replace(/\.json$/, '');
    });
  });

  it('the transcript opens as the rendered preview, and both files record the source document and lines', async () => {
    const { page } = session;
    assert.ok(stem, 'the first probe saved a transcript');
    await session.step('flow-preview', async () => {
      await page.locator('.tab.active', { hasText: `[Preview] ${stem}.md` }).waitFor({ timeout: 10_000 });
      const preview = webviewPage(page);
      // Rendered, not raw: a heading element, the facts as a list, no Markdown syntax or HTML tags as text.
      await preview.locator('h1', { hasText: `${SCENARIO} — OpenAI` }).waitFor({ timeout: 30_000 });
      const body = await preview.locator('body').innerText();
      assert.match(body, /Source: sample\.txt, lines 2–3/, 'the preview names the source and its lines');
      assert.ok(body.includes(openaiReply(3)), 'the last answer is shown');
      for (const raw of ['**', '<sub>', '</', '| --- |', '# Turn']) assert.ok(!body.includes(raw), `raw Markdown/HTML "${raw}" is shown`);
      assert.ok((await preview.locator('li', { hasText: 'Outcome' }).count()) > 0, 'the facts are a rendered list');
    });

    await session.step('flow-preview-stays', async () => {
      // Back in a Markdown document: the transcript's preview stays the transcript's (a locked
      // preview; a dynamic one would turn into "Preview sample.md").
      await openFile(page, SAMPLE.file);
      await waitForHighlighted(page, Object.values(SAMPLE.coloured), {
        timeoutMs: 120_000,
        what: `the entities of ${SAMPLE.file} in colour`,
      });
      const transcriptTab = page.locator('.tab', { hasText: `[Preview] ${stem}.md` });
      await transcriptTab.waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('.tab', { hasText: `Preview ${SAMPLE.file}` }).count(), 0, 'no preview of the document');
      await transcriptTab.click();
      await webviewPage(page)
        .locator('h1', { hasText: `${SCENARIO} — OpenAI` })
        .waitFor({ timeout: 30_000 });
    });

    await session.step('flow-transcript-files', async () => {
      const sample = readFileSync(join(session.workspace, SAMPLE_TXT.file), 'utf8').split('\n');
      const json = transcriptSchema.parse(JSON.parse(readFileSync(join(folder, `${stem}.json`), 'utf8')));
      assert.equal(json.file, SAMPLE_TXT.file, 'the JSON names the document, relative to the workspace');
      assert.deepEqual(json.lines, LINES, 'the JSON records the lines of the passage');
      assert.equal(
        json.selection.trim(),
        sample
          .slice(LINES.start - 1, LINES.end)
          .join('\n')
          .trim(),
        'the passage is those lines',
      );
      const markdown = readFileSync(join(folder, `${stem}.md`), 'utf8');
      assert.ok(markdown.includes('- **Source:** `sample.txt`, lines 2–3'), 'the Markdown records the document and lines');
      assert.ok(!markdown.includes(session.workspace), 'no absolute path in the Markdown');
    });
  });

  it('an opened transcript is not highlighted, while the sample document is', async () => {
    const { page } = session;
    let gpeColour = '';
    await session.step('flow-transcript-source', async () => {
      // The source of the preview, one click away.
      await page.locator('.tab.active', { hasText: `[Preview] ${stem}.md` }).click();
      await runCommand(page, 'Markdown: Show Source');
      await page
        .locator('.tab.active', { hasText: `${stem}.md` })
        .filter({ hasNotText: 'Preview' })
        .waitFor({ timeout: 20_000 });
      const line = readFileSync(join(folder, `${stem}.md`), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('Paris attracts'));
      assert.ok(line >= 0, 'the transcript quotes the passage');
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget .quick-input-box input').fill(String(line + 1));
      await page.keyboard.press('Enter');
      await activeEditor(page).locator('.view-line', { hasText: 'Paris attracts' }).waitFor({ timeout: 10_000 });
    });

    await session.step('flow-sample-highlighted', async () => {
      // Opened after the transcript, beside it: once its entities are coloured, the server has
      // seen both documents.
      await runCommand(page, 'View: Split Editor Right');
      await openFile(page, SAMPLE.file);
      const colours = await waitForHighlighted(page, Object.values(SAMPLE.coloured), {
        timeoutMs: 120_000,
        what: `the entities of ${SAMPLE.file} in colour`,
      });
      gpeColour = colours[SAMPLE.coloured.GPE];
    });

    await session.step('flow-transcript-plain', async () => {
      await page.locator('.editor-group-container').first().locator('.view-lines').click();
      await page
        .locator('.tab.active', { hasText: `${stem}.md` })
        .filter({ hasNotText: 'Preview' })
        .waitFor({ timeout: 10_000 });
      const pairs: Array<[string, string]> = [
        ['Paris', 'attracts'],
        ['Google', 'paid'],
        ['Barack Obama', 'met'],
      ];
      const drawn = await waitFor(
        async () => {
          const seen = await readDrawnTexts(
            page,
            pairs.flatMap((p) => p),
          );
          return pairs.every(([a, b]) => seen[a] && seen[b]) ? seen : undefined;
        },
        { message: 'the quoted passage and the reply on screen' },
      );
      for (const [entity, word] of pairs) {
        // Drawn like the words around it (Markdown's own colours, the same for the whole quote).
        assert.deepEqual(drawn[entity].colours, drawn[word].colours, `"${entity}" is drawn unlike "${word}" in the transcript`);
      }
      assert.ok(!drawn.Paris.colours.includes(gpeColour), 'a place in the transcript has the colour of places');
    });
  });

  it('Compare Models with one model ticked stays open and says why; a second tick runs the comparison', async () => {
    const { page } = session;
    await session.step('flow-compare-one', async () => {
      await clearWorkbench(page);
      await setApiKey(page, 'anthropic', 'Anthropic', ANTHROPIC_KEY);
      await selectLines(page, SAMPLE_TXT.file, LINES.start, LINES.end);
      await runPaletteCommand(page, 'Samsara: Compare Models…', 'Probe scenario');
      await pick(page, 'summarize', SCENARIO);
      await waitForQuickInputTitle(page, 'Compare which models?');
      // "Other model…" closes the list (typed, the filter brings it into view).
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.fill('Other model');
      await quickPickRow(page, 'Other model…').waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('');
      // Lists arrive from the providers with keys; once they are in, the list stops changing under the clicks.
      for (const listed of ['openai:gpt-fake-mini', 'anthropic:claude-fake-haiku']) {
        await waitFor(async () => (await quickPickRows(page)).some((row) => row.includes(listed)), {
          message: `${listed} listed by its provider`,
        });
      }
      await tick(page, OPENAI_MODEL);
      await page.keyboard.press('Enter');
      const title = await quickInputTitle(page, /Only 1 ticked/);
      assert.match(title, /tick at least two/);
      assert.ok(await page.locator('.quick-input-widget').isVisible(), 'the picker stays open');
      assert.deepEqual(await tickedRows(page), [OPENAI_MODEL], 'the tick is kept');
      assert.equal(await page.locator('.tab', { hasText: 'Compare:' }).count(), 0, 'no comparison started');
    });

    await session.step('flow-compare-two', async () => {
      const before = { openai: posts(openai).length, anthropic: posts(anthropic).length };
      await tick(page, ANTHROPIC_MODEL);
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: `Compare: ${SCENARIO} (2)` }).waitFor({ timeout: 90_000 });
      const view = compareView(page);
      await view.locator('table.turn[data-turn="3"]').waitFor({ timeout: 30_000 });
      const heads = await view.locator('table.turn[data-turn="1"] thead th[data-model]').allInnerTexts();
      assert.deepEqual(heads, [OPENAI_MODEL, ANTHROPIC_MODEL].map(modelLabel), 'one column per model, by its display name');
      assert.equal(posts(openai).length - before.openai, 3);
      assert.equal(posts(anthropic).length - before.anthropic, 3);
    });
  });

  it('a failed provider is listed in the compare result with its reason, next to the model that answered', async () => {
    const { page } = session;
    const before = { anthropic: posts(anthropic).length };
    const earlier = new Set(savedTranscripts(folder).keys());
    anthropicFails = true;
    await session.step('flow-compare-failures-pick', async () => {
      await clearWorkbench(page);
      await selectLines(page, SAMPLE_TXT.file, LINES.start, LINES.end);
      await runPaletteCommand(page, 'Samsara: Compare Models…', 'Probe scenario');
      await pick(page, 'summarize', SCENARIO);
      await waitForQuickInputTitle(page, 'Compare which models?');
      // The two that answered before, and one whose provider has no key.
      await tick(page, OPENAI_MODEL);
      await tick(page, ANTHROPIC_MODEL);
      const gemini = quickPickRow(page, GEMINI_MODEL);
      await gemini.waitFor({ timeout: 10_000 });
      assert.match(((await gemini.getAttribute('aria-label')) ?? '').replace(/\s+/g, ' '), /Google Gemini: no API key yet/);
      await tick(page, GEMINI_MODEL);
      assert.deepEqual((await tickedRows(page)).sort(), [ANTHROPIC_MODEL, GEMINI_MODEL, OPENAI_MODEL]);
      await page.keyboard.press('Enter');
      // Its key is asked for; Escape compares without it.
      await waitForQuickInputTitle(page, 'API key for Google Gemini');
      assert.match(await quickInputMessage(page), /Escape compares without it/);
      await page.keyboard.press('Escape');
    });

    await session.step('flow-compare-failures-view', async () => {
      await page.locator('.tab.active', { hasText: `Compare: ${SCENARIO} (3)` }).waitFor({ timeout: 90_000 });
      const view = compareView(page);
      const summary = view.locator('table.summary');
      await summary.waitFor({ timeout: 30_000 });
      const row = async (model: string): Promise<string> =>
        (await summary.locator(`tr[data-model="${model}"]`).innerText()).replace(/\s+/g, ' ');
      assert.match(await row(OPENAI_MODEL), /completed/);
      assert.match(await row(ANTHROPIC_MODEL), new RegExp(`failed \\(.*${REFUSAL}`), 'the refusal is the reason');
      assert.match(await row(GEMINI_MODEL), /failed \(No API key for Google Gemini/, 'the missing key is the reason');
      const replies = await view.locator('table.turn[data-turn="1"] tr[data-row="Reply"] td').allInnerTexts();
      assert.match(replies[0], /^OPENAI-FLOW reply \d+:/, "the answering model's reply, in the first column");
      assert.equal(posts(anthropic).length - before.anthropic, 1, 'a 400 is not retried');
    });

    await session.step('flow-compare-failures-notification', async () => {
      const notification = await toast(page, '2 of 3 models failed');
      const text = (await notification.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /Anthropic .*E2E-REFUSED/);
      assert.match(text, /Google Gemini .*No API key for Google Gemini/);
      const buttons = await toastButtons(notification);
      for (const b of ['Set API Key…', 'Retry', 'Open Settings'])
        assert.ok(buttons.includes(b), `"${b}" offered (buttons: ${buttons.join(', ')})`);
      // The failed run is saved (not opened: the compare view is in front).
      const fresh = [...savedTranscripts(folder).entries()].filter(([name]) => !earlier.has(name)).map(([, t]) => t);
      const failed = fresh.find((t) => t.modelRequested === ANTHROPIC_MODEL);
      assert.equal(failed?.run.outcome, 'failed', 'the failed run is saved');
      assert.equal(await page.locator('.tab', { hasText: /claude-e2e\.md/ }).count(), 0, 'the failed transcript is not opened');
      assert.ok(!fresh.some((t) => t.modelRequested === GEMINI_MODEL), 'nothing was sent for the model without a key');
    });
    anthropicFails = false;
  });

  it('the editor context menu offers Probe Selection… and Compare Models… on a selection', async () => {
    const { page } = session;
    await session.step('flow-context-menu', async () => {
      await clearWorkbench(page);
      await openFile(page, SAMPLE_TXT.file);
      const none = await editorContextMenu(page);
      assert.ok(!none.includes('Probe Selection…'), `no probe entry without a selection (menu: ${none.join(' | ')})`);
      await selectLines(page, SAMPLE_TXT.file, LINES.start, LINES.end);
      const { menu, labels } = await contextMenuOn(page, 'Fitbit');
      for (const entry of ['Probe Selection…', 'Compare Models…']) {
        assert.ok(labels.includes(entry), `"${entry}" in the menu (menu: ${labels.join(' | ')})`);
      }
      // The entry runs the command on the selection.
      // Hovered, the entry has the menu's focus; Enter runs it (as a click does).
      await menu.locator('.action-label', { hasText: 'Probe Selection…' }).hover();
      await menu.locator('.action-item.focused', { hasText: 'Probe Selection…' }).waitFor({ timeout: 5000 });
      await page.keyboard.press('Enter');
      await waitForQuickInputTitle(page, 'Probe scenario');
      await page.keyboard.press('Escape');
    });

    await session.step('flow-no-key-anywhere', async () => {
      const settings = readFileSync(join(session.server.userDataDir, 'User', 'settings.json'), 'utf8');
      for (const key of [OPENAI_KEY, ANTHROPIC_KEY]) {
        assert.ok(!settings.includes(key), 'a key is in settings.json');
        for (const [name] of savedTranscripts(folder)) {
          assert.ok(!readFileSync(join(folder, name), 'utf8').includes(key), 'a key is in a transcript');
        }
      }
    });
  });
});
