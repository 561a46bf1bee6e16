// Workbench steps of a writer's first hour, as a test reaches them: the walkthrough page, the
// language status items with their actions, a webview's page (the Markdown preview), the editor's
// context menu, and the extension's log file as written on disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { waitFor } from '../../helpers/waitFor';
import { dismissHovers } from './workbench';

/** The walkthrough editor of VS Code's Welcome page ("Get started with Samsara"). */
export function walkthrough(page: Page): Locator {
  return page.locator('.gettingStartedContainer', { hasText: 'Get started with Samsara' });
}

/** The hover of the status bar's language status entry, opened; its rows are the items. */
export async function languageStatusHover(page: Page): Promise<Locator> {
  const entry = page.locator('#status\\.languageStatus');
  await entry.waitFor({ timeout: 20_000 });
  const hover = page.locator('.workbench-hover', { has: page.locator('.hover-language-status') });
  if (!(await hover.first().isVisible())) {
    await dismissHovers(page);
    await entry.hover();
  }
  await hover.first().waitFor({ timeout: 5000 });
  return hover.first();
}

/** The text of the language status row holding `marker` ("Entity highlighting", "Samsara:"), read again until `expected` matches. */
export async function languageStatusRow(page: Page, marker: string, expected: RegExp, timeoutMs = 60_000): Promise<string> {
  let seen = '(no row read)';
  return waitFor(
    async () => {
      const hover = await languageStatusHover(page);
      const row = hover.locator('.hover-language-status', { hasText: marker }).first();
      const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
      if (expected.test(text)) return text;
      seen = text;
      await dismissHovers(page);
      return undefined;
    },
    { timeoutMs, intervalMs: 200, message: `language status "${marker}" matching ${expected}` },
  ).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; last row read: "${seen}"`);
  });
}

/** Clicks the action link (e.g. "Turn Off") of the language status row holding `marker`. */
export async function clickLanguageStatusAction(page: Page, marker: string, action: string): Promise<void> {
  const hover = await languageStatusHover(page);
  const row = hover.locator('.hover-language-status', { hasText: marker }).first();
  const link = row.locator('a', { hasText: action }).first();
  await link.waitFor({ state: 'visible', timeout: 5000 });
  await link.click();
}

/**
 * Clicks the action link until `done` holds: a click that lands while the hover fades away is
 * lost without a trace (seen in CI), so the effect, not the click, is what is waited for.
 */
export async function languageStatusActionUntil(
  page: Page,
  marker: string,
  action: string,
  done: () => boolean,
  message: string,
): Promise<void> {
  await waitFor(
    async () => {
      if (done()) return true;
      await clickLanguageStatusAction(page, marker, action).catch(() => undefined);
      return waitFor(done, { timeoutMs: 5000, intervalMs: 100 }).catch(() => dismissHovers(page).then(() => false));
    },
    { timeoutMs: 60_000, intervalMs: 100, message },
  );
}

/** The page of the visible webview (the Markdown preview, the compare view). */
export function webviewPage(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}

/** The labels of the editor's context menu, opened by a right-click at the centre of the active editor's text. */
export async function editorContextMenu(page: Page): Promise<string[]> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  await lines.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  await menu.first().waitFor({ timeout: 10_000 });
  const labels = await menu.locator('.action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim()).filter(Boolean);
}

/** The "Samsara" log file the editor writes under the user-data folder (its newest session). */
export function samsaraLogFile(userDataDir: string): string | undefined {
  const found: { path: string; at: number }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(path);
      else if (stat?.isFile() && /Samsara\.log$/.test(name)) found.push({ path, at: stat.mtimeMs });
    }
  };
  walk(join(userDataDir, 'logs'));
  return found.sort((a, b) => b.at - a.at)[0]?.path;
}

export function readLog(userDataDir: string): string {
  const file = samsaraLogFile(userDataDir);
  return file ? readFileSync(file, 'utf8') : '';
}
