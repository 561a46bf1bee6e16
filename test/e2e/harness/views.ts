// Tree views of the workbench (the Outline, Samsara's Entities view) and the cursor position, as
// a user reads them: rows by their accessible label and depth, clicks on a row, "Ln 9, Col 29"
// in the status bar. Every read waits for its condition with a deadline.
import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../../helpers/waitFor';
import { runCommand } from './workbench';

/** A tree's accessible name: the Outline's tree is "Document Symbols", ours "Entities". */
export type TreeName = 'Document Symbols' | 'Entities' | 'Where Names Appear';

export interface TreeRow {
  label: string;
  /** 1 for top-level rows. */
  level: number;
  expanded: boolean | undefined;
}

export function tree(page: Page, name: TreeName): Locator {
  return page.locator(`.monaco-list[role="tree"][aria-label="${name}"]`);
}

/** The pane (header and body) of a view in the side bar, by its title. */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.pane', { has: page.locator(`.pane-header h3.title`, { hasText: new RegExp(`^${title}$`, 'i') }) });
}

/** Opens and focuses a view through its "Focus on … View" command, e.g. "Explorer: Focus on Outline View". */
export async function focusView(page: Page, command: string, name: TreeName): Promise<Locator> {
  await runCommand(page, command);
  const found = tree(page, name);
  await found.waitFor({ state: 'attached', timeout: 15_000 });
  return found;
}

export async function readTreeRows(page: Page, name: TreeName): Promise<TreeRow[]> {
  return tree(page, name)
    .locator('.monaco-list-row')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        label: row.getAttribute('aria-label') ?? '',
        level: Number(row.getAttribute('aria-level') ?? '0'),
        expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
      })),
    );
}

/** Waits until the tree's rendered rows satisfy `predicate`; returns them (a timeout lists the last rows seen). */
export async function waitForTreeRows(
  page: Page,
  name: TreeName,
  predicate: (rows: TreeRow[]) => boolean,
  options: { timeoutMs?: number; what?: string } = {},
): Promise<TreeRow[]> {
  let last: TreeRow[] = [];
  try {
    return await waitFor(
      async () => {
        last = await readTreeRows(page, name);
        return predicate(last) ? last : undefined;
      },
      { timeoutMs: options.timeoutMs ?? 30_000, intervalMs: 100, message: options.what ?? `rows of the ${name} tree` },
    );
  } catch (error) {
    const seen = last.map((row) => `${row.level}:${row.label}`).join(' | ');
    throw new Error(`${error instanceof Error ? error.message : String(error)}; rows: ${seen}`);
  }
}

/** Runs the view's "Collapse All" title action, so only its top-level rows remain. */
export async function collapseAll(page: Page, title: string): Promise<void> {
  const pane = viewPane(page, title);
  await pane.locator('.pane-header').hover();
  await pane.locator('.pane-header .action-label[aria-label^="Collapse All"]').click();
}

/**
 * Expands the first row matching `label` (selecting it; ArrowRight expands a collapsed row). A
 * row whose click jumps to the document can lose the focus to the editor before the key is
 * pressed: then its twistie is clicked, as a user would, until the row shows expanded.
 */
export async function expandTreeRow(page: Page, name: TreeName, label: RegExp): Promise<void> {
  await clickTreeRow(page, name, label);
  const expanded = (all: TreeRow[]): boolean | undefined => all.find((row) => label.test(row.label))?.expanded;
  if (expanded(await readTreeRows(page, name)) === false) {
    await tree(page, name).focus();
    await page.keyboard.press('ArrowRight');
  }
  const what = `${label} expanded in the ${name} tree`;
  // The children of a row load before it shows expanded: the key gets its time first.
  const shown = (timeoutMs: number): Promise<boolean> =>
    waitForTreeRows(page, name, (all) => expanded(all) === true, { timeoutMs, what }).then(
      () => true,
      () => false,
    );
  if (await shown(3000)) return;
  await waitFor(
    async () => {
      const rows = await waitForTreeRows(page, name, (all) => expanded(all) !== undefined, { what: `a row matching ${label}` });
      if (expanded(rows)) return true;
      const row = tree(page, name)
        .locator('.monaco-list-row')
        .nth(rows.findIndex((r) => label.test(r.label)));
      await row.locator('.monaco-tl-twistie').click({ timeout: 2000 });
      return (await shown(3000)) || undefined;
    },
    { timeoutMs: 30_000, message: what },
  );
}

/**
 * Collapses a side-bar view when it is expanded (clicking its header), to give the others room:
 * a tree renders only the rows its pane has room for. `header` starts the header's accessible
 * label: "Explorer Section" (the folder), "Outline Section", "Timeline Section", "Entities".
 */
export async function collapseView(page: Page, header: string): Promise<void> {
  const found = page.locator(`.pane-header[aria-label^="${header}"]`).first();
  if ((await found.getAttribute('aria-expanded')) === 'true') await found.click();
  await waitFor(async () => (await found.getAttribute('aria-expanded')) === 'false', { message: `the ${header} view collapsed` });
}

/** Clicks the first row of the tree whose accessible label matches `label`. */
export async function clickTreeRow(page: Page, name: TreeName, label: RegExp): Promise<void> {
  const rows = tree(page, name).locator('.monaco-list-row');
  const index = await waitFor(
    async () => {
      const labels = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('aria-label') ?? ''));
      const found = labels.findIndex((text) => label.test(text));
      return found >= 0 ? { found } : undefined;
    },
    { timeoutMs: 15_000, message: `a row matching ${label} in the ${name} tree` },
  );
  await rows.nth(index.found).click();
}

/** The cursor position as the status bar shows it: { line, column }, 1-based. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number } | undefined> {
  const text = await page
    .locator('#status\\.editor\\.selection')
    .innerText()
    .catch(() => '');
  const match = /Ln (\d+), Col (\d+)/.exec(text);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

export async function waitForCursor(page: Page, line: number, column: number, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => {
      const position = await cursorPosition(page);
      return position?.line === line && position.column === column;
    },
    { timeoutMs, message: `the cursor at Ln ${line}, Col ${column}` },
  );
}
