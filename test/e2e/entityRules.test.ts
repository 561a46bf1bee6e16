// Entity rules in the real VS Code (code-server + Chromium), driven as a user would: the "Label
// as…" quick fix on an entity opens the label picker, writes `.samsara/entities.yaml`, and the
// entity takes its new label's colour (semantic tokens coloured per label by the user's settings)
// without a restart; "Samsara: Add Names to Spelling Dictionaries" adds the sample's names to the
// workspace's cspell.json after asking.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { waitFor } from '../helpers/waitFor';
import { pick, waitForQuickInputTitle } from './harness/quickInput';
import { startSession, type Session } from './harness/session';
import { activeEditor, openFile, runCommand } from './harness/workbench';

const ORG_COLOUR = 'rgb(255, 0, 0)';
const PRODUCT_COLOUR = 'rgb(0, 170, 0)';
const CSPELL = '{\n  "version": "0.2",\n  // words of this project\n  "words": ["samsara"]\n}\n';

// Runs in the page (the tests' tsconfig has no DOM types): the colour of the rendered text
// `needle` in a line element, and the centre of its first characters, to click on.
const textStyle = new Function(
  'line',
  'needle',
  `for (const span of line.querySelectorAll('span span')) {
    const text = (span.textContent || '').replace(/\\u00a0/g, ' ');
    const at = text.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(span.firstChild, at);
    range.setEnd(span.firstChild, at + 2);
    const rect = range.getBoundingClientRect();
    return { colour: getComputedStyle(span).color, x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  return null;`,
) as (line: unknown, needle: string) => { colour: string; x: number; y: number } | null;

async function styleOf(page: Page, needle: string): Promise<{ colour: string; x: number; y: number }> {
  const line = activeEditor(page).locator('.view-line', { hasText: needle }).first();
  await line.waitFor({ timeout: 10_000 });
  const style = await line.evaluate(textStyle, needle);
  if (!style) throw new Error(`"${needle}" is not rendered in one token of the active editor`);
  return style;
}

async function waitForColour(page: Page, needle: string, colour: string, what: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(async () => (await styleOf(page, needle)).colour === colour, { timeoutMs, intervalMs: 200, message: what });
}

/**
 * Picks an action of the open code action menu with the keyboard (the menu's pointer block takes
 * the mouse): down the list until the action is the focused row, then Enter.
 */
async function chooseAction(page: Page, title: string): Promise<void> {
  const menu = page.locator('.action-widget');
  await menu.locator('.monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await waitFor(
    async () => {
      const focused =
        (await menu
          .locator('.monaco-list-row.focused')
          .first()
          .getAttribute('aria-label')
          .catch(() => null)) ?? '';
      if (focused === title) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    },
    { timeoutMs: 10_000, intervalMs: 100, message: `"${title}" focused in the code action menu` },
  );
  await page.keyboard.press('Enter');
}

describe('entity rules in VS Code (code-server)', { timeout: 600_000 }, () => {
  let session: Session;

  before(async () => {
    session = await startSession({
      files: () => ({ 'cspell.json': CSPELL }),
      userSettings: {
        'editor.semanticHighlighting.enabled': true,
        'editor.semanticTokenColorCustomizations': { enabled: true, rules: { org: '#ff0000', product: '#00aa00' } },
        'editor.minimap.enabled': false,
      },
    });
  });

  after(async () => {
    await session?.stop();
  });

  it('the "Label as…" quick fix on an entity changes its colour', async () => {
    await session.step('label-as', async () => {
      const { page } = session;
      await openFile(page, 'sample.md');
      // The first analysis includes the sidecar's start (the model loading).
      await waitForColour(page, 'Difference Engine', ORG_COLOUR, 'the model’s ORG colour on "Difference Engine"', 120_000);
      const { x, y } = await styleOf(page, 'Difference Engine');
      await page.mouse.click(x, y);
      await page.keyboard.press('Control+.');
      await chooseAction(page, 'Label "Difference Engine" as…');
      await waitForQuickInputTitle(page, 'Label "Difference Engine" as');
      await pick(page, 'PRODUCT', 'PRODUCT');
      const changed = Date.now();
      await waitForColour(page, 'Difference Engine', PRODUCT_COLOUR, 'the PRODUCT colour after "Label as…"');
      console.log(`[e2e] label chosen → new colour in the editor: ${Date.now() - changed} ms`);
      const rules = readFileSync(join(session.workspace, '.samsara', 'entities.yaml'), 'utf8');
      assert.match(rules, /- text: Difference Engine\n {4}label: PRODUCT\n/);
    });
  });

  it('the dictionary command adds a name to cSpell’s words', async () => {
    await session.step('dictionaries', async () => {
      const { page } = session;
      await runCommand(page, 'Samsara: Add Names to Spelling Dictionaries');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 20_000 });
      assert.match(await dialog.innerText(), /cSpell \(cspell\.json\): \d+ new word/);
      await dialog.locator('.monaco-button', { hasText: 'Add' }).first().click();
      const path = join(session.workspace, 'cspell.json');
      const written = await waitFor(
        () => {
          const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
          return text.includes('"Lovelace"') ? text : undefined;
        },
        { timeoutMs: 20_000, message: 'Lovelace in cspell.json' },
      );
      assert.match(written, /\/\/ words of this project/, 'the comment stays');
      assert.equal(written.match(/"samsara"/g)?.length, 1, 'no duplicate');
      assert.match(written, /"Engine"/, 'a known name (from the rules file) is there too');
    });
  });
});
