// What a user does in the workbench, as playwright steps: run a palette command, open a file,
// hover a word, read squiggles, the Problems panel and the language status. Every read waits for
// its condition with a deadline; nothing sleeps a fixed time.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../../helpers/waitFor';
import { showQuickInput } from './quickInput';
import { workbenchState } from './workbenchState';

export type SquiggleSeverity = 'error' | 'warning' | 'info' | 'hint';

/** Runs a command from the command palette by its title, e.g. "Samsara: Restart Sidecar". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await showQuickInput(page, 'F1', `>${title}`);
  // The palette filters fuzzily: pick the row whose label is exactly the title.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await waitFor(async () => ((await row.getAttribute('aria-label')) ?? '').startsWith(title), {
    timeoutMs: 10_000,
    message: `palette entry "${title}"`,
  });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Whether an accessible label names exactly the file `name` ("sample.md, …", not "samsara-sample.md"). */
function namesFile(label: string | null, name: string): boolean {
  return label !== null && (label === name || label.startsWith(`${name},`) || label.startsWith(`${name} `));
}

/** Whether the tab (if there is one) names exactly the file `name`. */
async function tabNamesFile(tab: Locator, name: string): Promise<boolean> {
  return namesFile(await tab.getAttribute('aria-label', { timeout: 1000 }).catch(() => null), name);
}

/** How long a file's tab must stay the active one for openFile to be done. */
const STAYS_ACTIVE_MS = 500;

/** Opens a workspace file by name through Quick Open and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<Locator> {
  return (await openFileAt(page, name)).editor;
}

/** As openFile, with the time its tab became the active one for good (when the document opened). */
export async function openFileAt(page: Page, name: string): Promise<{ editor: Locator; activeAt: number }> {
  const tab = page.locator('.editor-group-container.active .tab.active').first();
  let activeAt = Date.now();
  let tries = 0;
  // A reload that restores its editors can make another one active just after the click: the
  // file is opened again until its tab stays the active one.
  await waitFor(
    async () => {
      // A dialog (a reconnection, an extension host that stopped) takes every click: say what it
      // said and close it, so the next try can land.
      if (await page.locator('.monaco-dialog-box').isVisible()) {
        await page.keyboard.press('Escape');
        return undefined;
      }
      // Every third try goes through the Explorer instead, in case Quick Open is what fails.
      if (++tries % 3 === 0) await clickExplorerRow(page, name);
      else await clickQuickOpenRow(page, name, tab);
      // Active, and still active half a second on (no restored editor or preview took over).
      let since: number | undefined;
      return waitFor(
        async () => {
          if (!(await tabNamesFile(tab, name))) return (since = undefined);
          since ??= Date.now();
          activeAt = since;
          return Date.now() - since >= STAYS_ACTIVE_MS || undefined;
        },
        { timeoutMs: 5000, message: `the active tab naming ${name}` },
      ).then(
        () => true,
        () => undefined,
      );
    },
    { timeoutMs: 60_000, message: `the active tab naming ${name}` },
  ).catch(async (error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the workbench shows: ${await workbenchState(page)}`);
  });
  const editor = activeEditor(page);
  await editor.locator('.view-lines').waitFor({ timeout: 20_000 });
  return { editor, activeAt };
}

/** The Explorer shown (its key, not the palette) and the row of a file at the folder's top level clicked. */
async function clickExplorerRow(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+Shift+E');
  await page
    .locator(`.explorer-folders-view .monaco-list-row[aria-label=${JSON.stringify(name)}]`)
    .first()
    .click({ timeout: 5000 })
    .catch(() => undefined);
}

/** Quick Open, the file's name typed, and its row clicked. */
async function clickQuickOpenRow(page: Page, name: string, tab: Locator): Promise<void> {
  await showQuickInput(page, 'Control+P', name);
  // The row of the file itself, found by its accessible name ("sample.md" or "sample.md, …"; not
  // the walkthrough's "samsara-sample.md"): the list re-renders while results arrive, so a row is
  // never picked by its index, and the click is tried again until it lands.
  const row = page
    .locator(
      ['', ',', ' ']
        .map((after) => `.quick-input-list .monaco-list-row[aria-label${after ? '^' : ''}=${JSON.stringify(name + after)}]`)
        .join(', '),
    )
    .first();
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await waitFor(
    async () => {
      // Something else (a restored editor, a notification) can close Quick Open before the row is
      // clicked; a click that landed may also be reported as failed while the list goes away.
      if (!(await page.locator('.quick-input-widget').isVisible())) {
        if (await tabNamesFile(tab, name)) return true;
        await showQuickInput(page, 'Control+P', name);
      }
      if (
        await row.click({ timeout: 1000 }).then(
          () => true,
          () => false,
        )
      )
        return true;
      // Where the row's name is not matched by the selector, find it among the rows' names.
      const labels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
      const at = labels.findIndex((label) => namesFile(label, name));
      if (at < 0) return undefined;
      return rows
        .nth(at)
        .click({ timeout: 1000 })
        .then(
          () => true,
          () => undefined,
        );
    },
    { timeoutMs: 20_000, message: `a Quick Open row naming ${name}, clicked` },
  );
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Number of squiggles of a severity drawn in the visible part of the active editor. */
export async function countSquiggles(page: Page, severity: SquiggleSeverity = 'info'): Promise<number> {
  return activeEditor(page).locator(`.view-overlays .squiggly-${severity}`).count();
}

export async function waitForSquiggles(
  page: Page,
  predicate: (count: number) => boolean,
  options: { severity?: SquiggleSeverity; timeoutMs?: number; what?: string } = {},
): Promise<number> {
  const severity = options.severity ?? 'info';
  // Wrapped: a count of 0 is a valid answer but not truthy.
  const found = await waitFor(
    async () => {
      const count = await countSquiggles(page, severity);
      return predicate(count) ? { count } : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 60_000, message: options.what ?? `${severity} squiggles`, intervalMs: 100 },
  );
  return found.count;
}

// Runs in the page. Kept as source text (the tests' tsconfig has no DOM types) and compiled into
// a function, so playwright calls it with the line element and the text. Monaco splits a line into
// token spans and renders spaces as no-break spaces; a DOM Range measures the substring.
const centreOfText = new Function(
  'element',
  'needle',
  `const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let all = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push(node);
    all += node.textContent || '';
  }
  const index = all.replace(/\\u00a0/g, ' ').indexOf(needle);
  if (index < 0) return null;
  let offset = 0;
  for (const node of nodes) {
    const length = (node.textContent || '').length;
    if (index < offset + length) {
      const range = document.createRange();
      range.setStart(node, index - offset);
      range.setEnd(node, Math.min(index - offset + 2, length));
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    offset += length;
  }
  return null;`,
) as (element: unknown, needle: string) => { x: number; y: number } | null;

/** Moves the mouse over the first occurrence of `text` in the active editor. */
export async function hoverText(page: Page, text: string): Promise<void> {
  const line = activeEditor(page).locator('.view-line', { hasText: text }).first();
  await line.waitFor({ timeout: 10_000 });
  const box = await line.evaluate(centreOfText, text);
  if (!box) throw new Error(`"${text}" is not on screen in the active editor`);
  await page.mouse.move(box.x - 40, box.y + 200);
  await page.mouse.move(box.x, box.y, { steps: 5 });
}

/** Hovers `text` and returns the editor hover's text once it contains `expected`. */
export async function hoverContent(page: Page, text: string, expected: string, timeoutMs = 20_000): Promise<string> {
  await dismissHovers(page);
  const hover = page.locator('.monaco-editor .monaco-hover:visible');
  return waitFor(
    async () => {
      if ((await hover.count()) === 0) {
        await hoverText(page, text);
        await hover.first().waitFor({ timeout: 3000 });
      }
      const content = (await hover.allInnerTexts()).join('\n');
      if (content.includes(expected)) return content;
      // Still loading or stale: hover again on the next try.
      await dismissHovers(page);
      return undefined;
    },
    { timeoutMs, message: `a hover over "${text}" containing "${expected}"` },
  );
}

/** Closes open hovers (editor and workbench) by moving the mouse to an empty spot. */
export async function dismissHovers(page: Page): Promise<void> {
  await page.mouse.move(5, 450);
  await page.keyboard.press('Escape');
  await page
    .locator('.monaco-hover:visible')
    .first()
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => undefined);
}

export interface ProblemRow {
  /** The row's accessible label: message, source, code and position. */
  label: string;
}

/** Opens the Problems panel and returns its marker rows once `predicate` accepts them. */
export async function readProblems(page: Page, predicate: (rows: ProblemRow[]) => boolean, timeoutMs = 30_000): Promise<ProblemRow[]> {
  if (!(await page.locator('.markers-panel').isVisible())) {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
  }
  return waitFor(
    async () => {
      const labels = await page
        .locator('.markers-panel .monaco-list-row')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''));
      const rows = labels.map((label) => ({ label }));
      return predicate(rows) ? rows : undefined;
    },
    { timeoutMs, message: 'Problems panel entries' },
  );
}

/** The text of Samsara's sidecar status (hovering the status bar's language status entry). */
export async function languageStatusText(page: Page): Promise<string> {
  const entry = page.locator('#status\\.languageStatus');
  await entry.waitFor({ timeout: 10_000 });
  const row = page.locator('.workbench-hover .hover-language-status', { hasText: 'Samsara:' });
  if (!(await row.first().isVisible())) {
    await dismissHovers(page);
    await entry.hover();
  }
  await row.first().waitFor({ timeout: 5000 });
  return (await row.first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the language status shows `state` for the sidecar ('ready', 'stopped', ...). */
export async function waitForSidecarState(page: Page, state: RegExp, timeoutMs = 60_000): Promise<string> {
  return waitFor(
    async () => {
      const text = await languageStatusText(page);
      if (state.test(text)) return text;
      // The hover shows live items, but re-open it so a stale one cannot hide a change.
      await dismissHovers(page);
      return undefined;
    },
    { timeoutMs, message: `sidecar state ${state}`, intervalMs: 100 },
  );
}

/**
 * Replaces the user settings through the editor, as a user editing settings.json would (a write
 * to the file on disk is not always noticed by code-server), then reads `file` back: an edit that
 * did not replace the whole text (a select-all that missed the editor) is made again. Leaves the
 * settings editor closed.
 */
export async function replaceUserSettings(page: Page, file: string, settings: Record<string, unknown>): Promise<void> {
  // One line: a typed newline would be indented by the editor.
  const wanted = JSON.stringify(settings);
  let onDisk = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    await page.locator('.tab.active', { hasText: 'settings.json' }).waitFor({ timeout: 20_000 });
    const editor = activeEditor(page);
    await editor.locator('.view-lines').click();
    await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+A');
    // QUIET_SETTINGS turn off auto-closing and auto-indent in settings.json (codeServer.ts).
    await page.keyboard.insertText(wanted);
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    await runCommand(page, 'View: Close Editor');
    onDisk = readFileSync(file, 'utf8');
    if (sameJson(onDisk, settings)) return;
    console.error(`[e2e] settings.json after attempt ${attempt} is not the settings written:\n${onDisk}`);
  }
  throw new Error(`settings.json could not be replaced; it reads:\n${onDisk}`);
}

function sameJson(text: string, settings: Record<string, unknown>): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(text), settings);
  } catch {
    return false;
  }
}
