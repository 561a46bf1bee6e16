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
import {
  clickTreeRow,
  collapseAll,
  collapseView,
  expandTreeRow,
  focusView,
  waitForCursor,
  waitForTreeRows,
  type TreeRow,
} from './harness/views';
import { runPaletteCommand } from './harness/quickInput';
import { activeEditor, openFile, runCommand } from './harness/workbench';
import { SAMPLE, SCENARIOS } from './scenarios';
import { labelName } from '../../shared/entityLabels';

const README_SHOT = join(REPO_ROOT, 'client', 'media', 'screenshot.png');
const COLOURED = Object.values(SAMPLE.coloured);
const LABELS = Object.keys(SAMPLE.coloured);

/** A label's row, as the Outline and the Entities view name it: "People (PERSON)". */
function namedRow(label: string): RegExp {
  return new RegExp(`^${labelName(label).replace(/[()]/g, '\\$&')}`);
}

const labelsOf = (rows: TreeRow[], level: number): string[] => rows.filter((row) => row.level === level).map((row) => row.label);
const hasRow = (rows: TreeRow[], pattern: RegExp, level?: number): boolean =>
  rows.some((row) => pattern.test(row.label) && (level === undefined || row.level === level));

describe('Samsara in VS Code: Outline and Entities view', { timeout: 600_000 }, () => {
  let session: Session;

  before(async () => {
    session = await startSession({
      userSettings: { 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern', 'breadcrumbs.enabled': true },
    });
    await session.step('views-open', async () => {
      await openFile(session.page, SAMPLE.file);
      await waitForHighlighted(session.page, COLOURED, { timeoutMs: 90_000, what: `the entities of ${SAMPLE.file} in colour` });
    });
  });

  after(async () => {
    await session?.stop();
  });

  test(SCENARIOS.outline, async () => {
    await session.step('outline', async () => {
      const { page } = session;
      // A tree renders the rows its pane has room for: give the Outline the side bar.
      await collapseView(page, 'Explorer Section');
      await collapseView(page, 'Entities');
      await focusView(page, 'Explorer: Focus on Outline View', 'Document Symbols');
      await waitForTreeRows(page, 'Document Symbols', (r) => hasRow(r, /^Entities$/, 1), { what: "Samsara's group in the Outline" });
      // Collapsed, then opened one level at a time: the pane shows a few rows only.
      await collapseAll(page, 'Outline');
      await expandTreeRow(page, 'Document Symbols', /^Entities$/);
      const groups = await waitForTreeRows(page, 'Document Symbols', (r) => LABELS.every((label) => hasRow(r, namedRow(label), 2)), {
        what: 'a row per label in the Outline',
      });
      console.log(`[e2e] Outline labels: ${labelsOf(groups, 2).join(' | ')}`);
      await expandTreeRow(page, 'Document Symbols', namedRow('PERSON'));
      const people = labelsOf(await waitForTreeRows(page, 'Document Symbols', (r) => hasRow(r, new RegExp(`^${SAMPLE.person}\\b`), 3)), 3);
      assert.equal(new Set(people).size, people.length, `each entity once: ${people.join(', ')}`);
      // An entity row jumps to its first mention.
      await collapseAll(page, 'Outline');
      await expandTreeRow(page, 'Document Symbols', /^Entities$/);
      await expandTreeRow(page, 'Document Symbols', namedRow('ORG'));
      await clickTreeRow(page, 'Document Symbols', /^Microsoft\b/);
      await waitForCursor(page, 8, 66);
      // The Entities view gets the room.
      await collapseView(page, 'Outline Section');
    });
  });

  test(SCENARIOS.entitiesView, async () => {
    await session.step('entities-view', async () => {
      const { page } = session;
      await focusView(page, 'Explorer: Focus on Entities View', 'Entities');
      await waitForTreeRows(page, 'Entities', (r) => hasRow(r, namedRow('PERSON'), 1), { what: 'the Entities view listing sample.md' });
      await collapseAll(page, 'Entities');
      const rows = await waitForTreeRows(page, 'Entities', (r) => LABELS.every((label) => hasRow(r, namedRow(label), 1)), {
        what: 'a row per label in the Entities view',
      });
      console.log(`[e2e] Entities view labels: ${labelsOf(rows, 1).join(' | ')}`);

      // An entity row jumps to its first mention; a mention row to that mention.
      await expandTreeRow(page, 'Entities', namedRow(SAMPLE.jump.label));
      await clickTreeRow(page, 'Entities', new RegExp(`^${SAMPLE.jump.text}, ${SAMPLE.jump.label}, 1 mention$`));
      await waitForCursor(page, SAMPLE.jump.line, SAMPLE.jump.column);
      await expandTreeRow(page, 'Entities', /^Charles Babbage\b/);
      await clickTreeRow(page, 'Entities', /^Charles Babbage at Ln 3, Col 18: /);
      await waitForCursor(page, 3, 18);

      // The filter keeps the matching entities only, and clears.
      await runPaletteCommand(page, 'Samsara: Filter Entities…', 'Filter Entities');
      await page.locator('.quick-input-widget .quick-input-box input').fill('gates');
      await page.keyboard.press('Enter');
      const filtered = await waitForTreeRows(page, 'Entities', (r) => labelsOf(r, 1).length === 1 && hasRow(r, /^Bill Gates\b/, 2), {
        what: 'only Bill Gates left by the filter',
      });
      assert.match(labelsOf(filtered, 1)[0] ?? '', namedRow('PERSON'));
      await runCommand(page, 'Samsara: Clear Entities Filter');
      await waitForTreeRows(page, 'Entities', (r) => labelsOf(r, 1).length >= LABELS.length, { what: 'every label back' });
    });
  });

  test('README screenshot: coloured entities and the Entities view', async () => {
    await session.step('readme-shot', async () => {
      const { page } = session;
      await waitForHighlighted(page, COLOURED);
      await collapseAll(page, 'Entities');
      await expandTreeRow(page, 'Entities', namedRow('PERSON'));
      await expandTreeRow(page, 'Entities', namedRow('GPE'));
      await clickTreeRow(page, 'Entities', new RegExp(`^${SAMPLE.person}, PERSON`));
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
  test('the Entities view follows edits', async () => {
    await session.step('entities-follow', async () => {
      const { page } = session;
      await activeEditor(page).locator('.view-lines').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nGrace Hopper visited Lisbon in May 1952.\n');
      await collapseAll(page, 'Entities');
      // sample.md has 8 people and 4 places: the sentence adds one of each.
      await waitForTreeRows(
        page,
        'Entities',
        (r) => hasRow(r, /^People \(PERSON\), 9 entities\b/, 1) && hasRow(r, /^Places \(GPE\), 5 entities\b/, 1),
        {
          what: 'the typed entities counted in the Entities view',
        },
      );
      await expandTreeRow(page, 'Entities', namedRow('GPE'));
      await waitForTreeRows(page, 'Entities', (r) => hasRow(r, /^Lisbon, GPE, 1 mention$/, 2), { what: 'Lisbon listed under GPE' });
    });
  });
});
