// Entity rules in the real VS Code (code-server + Chromium), driven as a user would: the "Label
// as…" quick fix on an entity opens the label picker, writes `.samsara/entities.yaml`, and the
// entity takes its new label's colour (semantic tokens coloured per label by the user's settings)
// without a restart; "Samsara: Add Names to Spelling Dictionaries" adds the sample's names to the
// workspace's cspell.json after asking. The story bible: F12 on an alias opens its entry, F2
// renames a character across two chapters (one never opened) through the refactor preview, and
// the Where Names Appear view lists the chapters in the manuscript's order.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { waitFor } from '../helpers/waitFor';
import { pick, waitForQuickInputTitle } from './harness/quickInput';
import { RESULTS_DIR, startSession, type Session } from './harness/session';
import { activeEditor, hoverContent, openFile, runCommand } from './harness/workbench';
import { cursorPosition, focusView, waitForTreeRows } from './harness/views';

const ORG_COLOUR = 'rgb(255, 0, 0)';
const PRODUCT_COLOUR = 'rgb(0, 170, 0)';
const CSPELL = '{\n  "version": "0.2",\n  // words of this project\n  "words": ["samsara"]\n}\n';
const PERSON_COLOUR = 'rgb(0, 0, 255)';
const RULES =
  'known:\n  - id: emma\n    text: Emma Woodhouse\n    label: PERSON\n    aliases: [Emma, Miss Woodhouse]\n    notes: Handsome, clever and rich.\n';
const CHAPTER_ONE = '# One\n\nEmma Woodhouse lived in Highbury.\n\nEmma wrote to Miss Taylor. Miss Woodhouse was kind.\n';
const CHAPTER_TWO = '# Two\n\nEmma arrived in London with Mr. Knightley.\n';

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
      files: () => ({
        'cspell.json': CSPELL,
        '.samsara/entities.yaml': RULES,
        '.samsara/manuscript.yaml': 'chapters: [chapter-two.md, chapter-one.md]\n',
        'chapter-one.md': CHAPTER_ONE,
        'chapter-two.md': CHAPTER_TWO,
      }),
      userSettings: {
        'editor.semanticHighlighting.enabled': true,
        'editor.semanticTokenColorCustomizations': { enabled: true, rules: { org: '#ff0000', product: '#00aa00', person: '#0000ff' } },
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

  it('the story bible: an alias coloured and hovered as its character, F12 to its entry', async () => {
    await session.step('bible-definition', async () => {
      const { page } = session;
      await openFile(page, 'chapter-one.md');
      await waitForColour(page, 'Miss Woodhouse', PERSON_COLOUR, 'the alias "Miss Woodhouse" coloured as a person', 120_000);
      const hover = await hoverContent(page, 'Miss Woodhouse', 'Handsome');
      assert.match(hover, /Emma Woodhouse/);
      assert.match(hover, /Mentioned 3 times in this document/);
      const { x, y } = await styleOf(page, 'Miss Woodhouse');
      await page.mouse.click(x, y);
      await page.keyboard.press('F12');
      const tab = page.locator('.editor-group-container.active .tab.active').first();
      await waitFor(async () => ((await tab.getAttribute('aria-label')) ?? '').startsWith('entities.yaml'), {
        timeoutMs: 20_000,
        message: 'entities.yaml opened by F12',
      });
      await waitFor(async () => (await cursorPosition(page))?.line === 2, { timeoutMs: 10_000, message: 'the cursor on the entry' });
    });
  });

  it('the story bible: F2 renames the character across both chapters through the refactor preview', async () => {
    await session.step('bible-rename', async () => {
      const { page } = session;
      await openFile(page, 'chapter-one.md');
      const line = activeEditor(page).locator('.view-line', { hasText: 'Emma wrote' }).first();
      const box = await line.boundingBox();
      if (!box) throw new Error('"Emma wrote" is not on screen');
      await page.mouse.click(box.x + 12, box.y + box.height / 2);
      await page.keyboard.press('F2');
      const input = page.locator('.rename-box input').first();
      await input.waitFor({ state: 'visible', timeout: 20_000 });
      assert.equal(await input.inputValue(), 'Emma');
      await input.fill('Harriet');
      await page.keyboard.press('Enter');
      // The other names that contain "Emma" ask for confirmation: VS Code shows its refactor preview.
      const apply = page.locator('.monaco-button', { hasText: /^Apply$/ }).first();
      await apply.waitFor({ state: 'visible', timeout: 30_000 });
      // Other names that contain "Emma" come unticked: the writer ticks the one to rename too.
      const other = page.locator('.monaco-list-row', { hasText: 'Woodhouse lived in Highbury' }).first();
      await other.waitFor({ state: 'visible', timeout: 10_000 });
      const tick = other.locator('[role="checkbox"], input[type="checkbox"], .monaco-custom-toggle').first();
      await waitFor(
        async () => {
          const checked = (await tick.getAttribute('aria-checked').catch(() => null)) ?? String(await tick.isChecked().catch(() => false));
          if (checked === 'true') return true;
          await tick.click({ timeout: 2000 }).catch(() => undefined);
          return undefined;
        },
        { timeoutMs: 10_000, message: 'the other name ticked in the refactor preview' },
      );
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, 'bible-rename-preview.png') });
      await apply.click();
      const read = (name: string): string => readFileSync(join(session.workspace, name), 'utf8');
      await waitFor(() => read('chapter-two.md').includes('Harriet arrived in London'), {
        timeoutMs: 20_000,
        message: 'chapter two (never opened) renamed on disk',
      });
      await waitFor(() => read('chapter-one.md').includes('Harriet Woodhouse lived in Highbury.\n\nHarriet wrote to Miss Taylor'), {
        timeoutMs: 20_000,
        message: 'the open chapter renamed, the ticked other name too',
      });
      const rules = await waitFor(
        () => (/aliases: \[Harriet, Miss Woodhouse\]/.test(read('.samsara/entities.yaml')) ? read('.samsara/entities.yaml') : undefined),
        {
          timeoutMs: 20_000,
          message: 'the entry renamed',
        },
      );
      assert.match(rules, /text: Emma Woodhouse/, "the entry's own name was left unticked, so it stays");
    });
  });

  it('the story bible: Where Names Appear lists the chapters in the manuscript order', async () => {
    await session.step('bible-appearances', async () => {
      const { page } = session;
      await focusView(page, 'Explorer: Focus on Where Names Appear View', 'Where Names Appear');
      const rows = await waitForTreeRows(
        page,
        'Where Names Appear',
        (all) => all.filter((r) => r.level === 1).length >= 2 && all.some((r) => /Knightley/.test(r.label)),
        { timeoutMs: 60_000, what: 'the chapters with their names' },
      );
      const files = rows.filter((r) => r.level === 1).map((r) => r.label.split(' ')[0]);
      assert.ok(
        files.indexOf('chapter-two.md') >= 0 && files.indexOf('chapter-two.md') < files.indexOf('chapter-one.md'),
        files.join(' | '),
      );
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, 'bible-appearances.png') });
    });
  });
});
