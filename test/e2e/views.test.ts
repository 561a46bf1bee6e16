// The views that read Samsara's entity model, in a real VS Code (code-server): the Outline
// (document symbols grouped by label) and the Entities view in the Explorer (label → entity →
// mentions, jumping to a mention, its filter, following edits). Also takes the README screenshot:
// coloured entities beside the Entities view.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RESULTS_DIR, REPO_ROOT, startSession, type Session } from './harness/session';
import { waitForHighlighted } from './harness/tokenColours';
import { clickTreeRow, focusView, viewPane, waitForCursor, waitForTreeRows, type TreeRow } from './harness/views';
import { runPaletteCommand } from './harness/quickInput';
import { activeEditor, openFile, runCommand } from './harness/workbench';
import { SAMPLE, SCENARIOS } from './scenarios';

const README_SHOT = join(REPO_ROOT, 'client', 'media', 'screenshot.png');
const COLOURED = Object.values(SAMPLE.coloured);
const LABELS = Object.keys(SAMPLE.coloured);

const labelsOf = (rows: TreeRow[], level: number): string[] => rows.filter((row) => row.level === level).map((row) => row.label);
const hasRow = (rows: TreeRow[], pattern: RegExp, level?: number): boolean =>
  rows.some((row) => pattern.test(row.label) && (level === undefined || row.level === level));

describe('Samsara in VS Code: Outline and Entities view', { timeout: 600_000 }, () => {
  let session: Session;

  before(async () => {
    session = await startSession({
      userSettings: { 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern', 'breadcrumbs.enabled': true },
    });
    await openFile(session.page, SAMPLE.file);
    await waitForHighlighted(session.page, COLOURED, { timeoutMs: 90_000, what: `the entities of ${SAMPLE.file} in colour` });
  });

  after(async () => {
    await session?.stop();
  });

  test(SCENARIOS.outline, async () => {
    await session.step('outline', async () => {
      const { page } = session;
      await focusView(page, 'Explorer: Focus on Outline View', 'Document Symbols');
      const rows = await waitForTreeRows(page, 'Document Symbols', (r) => LABELS.every((label) => hasRow(r, new RegExp(`^${label}\\b`))), {
        what: 'a row per label in the Outline',
      });
      console.log(`[e2e] Outline rows: ${rows.map((row) => `${'  '.repeat(row.level - 1)}${row.label}`).join(' | ')}`);
      // Each entity once, under its label, with its mention count.
      await waitForTreeRows(page, 'Document Symbols', (r) => hasRow(r, new RegExp(`^${SAMPLE.person}\\b`)), {
        what: `${SAMPLE.person} under PERSON in the Outline`,
      });
      const personRows = (await waitForTreeRows(page, 'Document Symbols', () => true)).filter((row) => /Babbage/.test(row.label));
      assert.equal(personRows.length, 1, 'Charles Babbage (mentioned twice) is listed once');
      await clickTreeRow(page, 'Document Symbols', /^Microsoft\b/);
      await waitForCursor(page, 8, 66);
      // Collapse the Outline again: the Entities view gets the room.
      await viewPane(page, 'Outline').locator('.pane-header').click();
    });
  });

  test(SCENARIOS.entitiesView, async () => {
    await session.step('entities-view', async () => {
      const { page } = session;
      await focusView(page, 'Explorer: Focus on Entities View', 'Entities');
      const rows = await waitForTreeRows(page, 'Entities', (r) => LABELS.every((label) => hasRow(r, new RegExp(`^${label}\\b`), 1)), {
        what: 'a row per label in the Entities view',
      });
      assert.ok(
        labelsOf(rows, 2).some((label) => label.startsWith(SAMPLE.jump.text)),
        `${SAMPLE.jump.text} is listed: ${labelsOf(rows, 2)}`,
      );
      console.log(`[e2e] Entities view rows: ${rows.map((row) => `${'  '.repeat(row.level - 1)}${row.label}`).join(' | ')}`);

      // An entity row jumps to its first mention; its mention row (expanded) to that mention.
      await clickTreeRow(page, 'Entities', new RegExp(`^${SAMPLE.jump.text}\\b`));
      await waitForCursor(page, SAMPLE.jump.line, SAMPLE.jump.column);
      await clickTreeRow(page, 'Entities', /^Babbage\b/);
      await page.keyboard.press('ArrowRight');
      await waitForTreeRows(page, 'Entities', (r) => hasRow(r, /Ln 3, Col 18/, 3) && hasRow(r, /Ln 3, Col/, 3), {
        what: 'the mentions of Charles Babbage',
      });
      await clickTreeRow(page, 'Entities', /Ln 3, Col 18/);
      await waitForCursor(page, 3, 18);

      // The filter keeps matching entities only, and clears.
      await runPaletteCommand(page, 'Samsara: Filter Entities…', 'Filter Entities');
      await page.locator('.quick-input-widget .quick-input-box input').fill('gates');
      await page.keyboard.press('Enter');
      const filtered = await waitForTreeRows(page, 'Entities', (r) => labelsOf(r, 1).length === 1, {
        what: 'only PERSON left by the filter',
      });
      assert.deepEqual(
        labelsOf(filtered, 1).map((label) => label.split(' ')[0]),
        ['PERSON'],
      );
      await runCommand(page, 'Samsara: Clear Entities Filter');
      await waitForTreeRows(page, 'Entities', (r) => labelsOf(r, 1).length >= LABELS.length, { what: 'every label back' });
    });
  });

  test('the Entities view follows edits', async () => {
    await session.step('entities-follow', async () => {
      const { page } = session;
      await activeEditor(page).locator('.view-lines').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nGrace Hopper visited Lisbon in May 1952.\n');
      await waitForTreeRows(page, 'Entities', (r) => hasRow(r, /^Grace Hopper\b/, 2) && hasRow(r, /^Lisbon\b/, 2), {
        what: 'the typed entities in the Entities view',
      });
      await page.keyboard.press('Control+Z');
    });
  });

  test('README screenshot: coloured entities and the Entities view', async () => {
    await session.step('readme-shot', async () => {
      const { page } = session;
      await waitForHighlighted(page, COLOURED);
      await clickTreeRow(page, 'Entities', new RegExp(`^${SAMPLE.person}\\b`));
      await waitForCursor(page, 3, 1);
      mkdirSync(RESULTS_DIR, { recursive: true });
      const shot = join(RESULTS_DIR, 'entity-highlighting.png');
      await page.screenshot({ path: shot });
      // The committed copy changes only on request, so a test run leaves the tree clean.
      if (!existsSync(README_SHOT) || process.env.SAMSARA_UPDATE_SCREENSHOT === '1') {
        mkdirSync(dirname(README_SHOT), { recursive: true });
        copyFileSync(shot, README_SHOT);
      }
      console.log(`[e2e] screenshot: ${shot}`);
    });
  });
});
