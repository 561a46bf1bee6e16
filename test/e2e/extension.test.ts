// Samsara installed from its VSIX into a real VS Code (code-server), driven like a user would:
// entities drawn in their label colours (semantic tokens), to the end of a 300 KB document, in
// four default themes; hover; a quiet Problems panel; the language status, the restart command,
// recovery after the sidecar is killed. The real language server and spaCy sidecar run.
// The Outline and the Entities view have their own file (views.test.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../helpers/waitFor';
import { RESULTS_DIR, startSession, type Session } from './harness/session';
import { readColouredSpans, readDrawnTexts, waitForColouredSpans, waitForHighlighted, waitForPlain } from './harness/tokenColours';
import { cursorPosition } from './harness/views';
import { loadAverage, measureColdStart, median, reloadEditor, type ColdStart } from './harness/coldStart';
import { EDITS, LONG, SAMPLE, SAMPLE_TXT, SCENARIOS, longDocument } from './scenarios';
import {
  activeEditor,
  countSquiggles,
  dismissHovers,
  hoverContent,
  openFile,
  readProblems,
  replaceUserSettings,
  runCommand,
  waitForSidecarState,
  waitForSquiggles,
} from './harness/workbench';

const COLOURED = Object.values(SAMPLE.coloured);
/** A LaTeX file: names in its prose, and names in its math, citation keys, labels and comments. */
const LATEX = {
  file: 'paper.tex',
  text: [
    '\\documentclass{article}',
    '\\title{Steve Jobs}',
    '\\begin{document}',
    '\\section{Charles Babbage in London}',
    'Ada Lovelace met Charles Babbage in London \\cite{BillGates}.',
    'The formula $Steve + Jobs$ and \\label{Bill Gates} stay code.',
    '% Bill Gates in a comment',
    '\\end{document}',
    '',
  ].join('\n'),
  coloured: ['Ada Lovelace', 'Charles Babbage'],
  // Not the math: Dark Modern draws LaTeX math in the teal of PERSON, so colour cannot tell them
  // apart there (the unit and integration tests check that math never reaches the model).
  plain: ['BillGates', 'Bill Gates}', 'Bill Gates in a comment', 'documentclass'],
};
/** The default themes a user starts with, by the names the settings use. */
const THEMES = ['Default Dark Modern', 'Default Light Modern', 'Default Dark+', 'Default Light+'];

/** The editor background the workbench draws now (the theme's `editor.background`), as #rrggbb. */
async function editorBackground(page: Session['page']): Promise<string | undefined> {
  // Evaluated in the page (a string: this file is compiled without the DOM's types).
  const value = await page.evaluate<string>(
    "getComputedStyle(document.querySelector('.monaco-workbench') ?? document.body).getPropertyValue('--vscode-editor-background')",
  );
  const hex = /#([0-9a-f]{6})/i.exec(value.trim());
  return hex ? `#${hex[1].toLowerCase()}` : undefined;
}

function isLight(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 128;
}

function sameColours(a: Record<string, string>, b: Record<string, string> | undefined): boolean {
  return b !== undefined && Object.keys(a).every((text) => a[text] === b[text]);
}

/** One cold start's figure and its profile, as the README quotes them. */
function printColdStart(run: number, sample: ColdStart, load: string): void {
  console.log(`[e2e] cold start ${run} of 3: first highlights in ${SAMPLE.file} ${sample.ms} ms after opening it (load average ${load})`);
  for (const line of sample.profile) console.log(`[e2e]   ${line}`);
}

/** Types `text` at the end of the active document. */
async function appendText(session: Session, text: string): Promise<void> {
  const { page } = session;
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

describe('Samsara in VS Code (code-server)', { timeout: 900_000 }, () => {
  let session: Session;
  let settingsFile: string;
  let userSettings: () => Record<string, unknown>;

  before(async () => {
    // Hovers below the line, so a hover hides little of the document.
    session = await startSession({
      userSettings: { 'editor.hover.above': false, 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern' },
      files: () => ({ [LONG.file]: longDocument(), [LATEX.file]: LATEX.text }),
    });
    settingsFile = join(session.server.userDataDir, 'User', 'settings.json');
    userSettings = () => JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  });

  after(async () => {
    await session?.stop();
  });

  test(SCENARIOS.highlights, async () => {
    await session.step('highlights', async () => {
      // The cold start, three times: the editor's first start, then two reloads (each a new
      // extension host, so the server and the model start again). Figures for the README,
      // measured in the real editor; printed, not asserted.
      const samples = [await measureColdStart(session, SAMPLE.file, COLOURED, session.startedAt)];
      const load = [loadAverage()];
      printColdStart(1, samples[0], load[0]);
      const openedWarm = Date.now();
      await openFile(session.page, SAMPLE_TXT.file);
      await waitForHighlighted(session.page, [SAMPLE_TXT.person], { what: 'an entity of sample.txt in colour' });
      console.log(`[e2e] first highlights in sample.txt ${Date.now() - openedWarm} ms after opening it (warm)`);
      for (const run of [2, 3]) {
        const { since, before } = await reloadEditor(session);
        samples.push(await measureColdStart(session, SAMPLE.file, COLOURED, since));
        load.push(loadAverage());
        printColdStart(run, samples[run - 1], load[run - 1]);
        // The reloaded window runs a model of its own; the one before it is gone (reloadEditor).
        const now = session.sidecarPids();
        assert.ok(
          now.length > 0 && now.every((pid) => !before.includes(pid)),
          `new sidecars after the reload (${before.join(', ')} → ${now.join(', ')})`,
        );
      }
      const figures = samples.map((s) => s.ms);
      console.log(`[e2e] cold start median: ${median(figures)} ms (samples ${figures.join(', ')} ms; load averages ${load.join(' / ')})`);
    });
  });

  test('a LaTeX file: its prose coloured, its math and commands not', async () => {
    await session.step('latex', async () => {
      await openFile(session.page, LATEX.file);
      // The LaTeX grammar draws ordinary words in a class of its own (not mtk1): a name is
      // highlighted when it is drawn in one colour other than an ordinary word's ("formula").
      const entityColours = await waitFor(
        async () => {
          const drawn = await readDrawnTexts(session.page, [...LATEX.coloured, 'formula']);
          const word = drawn.formula?.colours;
          if (!word || word.length !== 1) return undefined;
          const colours = LATEX.coloured.map((name) => drawn[name]?.colours);
          const distinct = colours.every((c) => c?.length === 1 && c[0] !== word[0]);
          return distinct ? new Set(colours.map((c) => c?.[0] ?? '')) : undefined;
        },
        { timeoutMs: 90_000, message: `the names in ${LATEX.file}'s prose in colour` },
      );
      // Math, keys and comments keep the LaTeX grammar's colours: none of them is an entity's.
      const drawn = await readDrawnTexts(session.page, LATEX.plain);
      for (const text of LATEX.plain) {
        assert.ok(drawn[text], `${text} is on screen`);
        assert.ok(
          !drawn[text].colours.some((colour) => entityColours.has(colour)),
          `${text} drawn as an entity: ${drawn[text].colours.join(', ')}`,
        );
      }
      await session.page.screenshot({ path: join(RESULTS_DIR, 'latex.png') });
      // The next steps read the sample: it is the active editor again.
      await openFile(session.page, SAMPLE.file);
    });
  });

  test(SCENARIOS.colours, async () => {
    await session.step('colours', async () => {
      const original = userSettings();
      const drawn: Record<string, Record<string, string>> = {};
      let previous: { background: string; colours: Record<string, string> } | undefined;
      try {
        for (const theme of THEMES) {
          await replaceUserSettings(session.page, settingsFile, { ...original, 'workbench.colorTheme': theme });
          // The theme applies asynchronously: first the workbench takes its colours (the themes
          // alternate light and dark, so the editor's background changes every time)…
          const light = /Light/.test(theme);
          const background = await waitFor(
            async () => {
              const colour = await editorBackground(session.page);
              return colour && isLight(colour) === light && colour !== previous?.background ? colour : undefined;
            },
            { timeoutMs: 30_000, message: `the editor drawn in ${theme}` },
          );
          // …then the tokens: five different label colours, not the previous theme's.
          const colours = await waitFor(
            async () => {
              const now = await waitForHighlighted(session.page, COLOURED);
              const distinct = new Set(Object.values(now)).size === COLOURED.length;
              return distinct && !sameColours(now, previous?.colours) ? now : undefined;
            },
            { timeoutMs: 30_000, message: `five different label colours in ${theme}, not the previous theme's` },
          );
          drawn[theme] = colours;
          previous = { background, colours };
          const byLabel = Object.entries(SAMPLE.coloured).map(([label, text]) => `${label} ${colours[text]}`);
          console.log(`[e2e] ${theme} (editor ${background}): ${byLabel.join(', ')}`);
          await session.page.screenshot({ path: join(RESULTS_DIR, `colours-${theme.replace(/\W+/g, '-')}.png`) });
        }
      } finally {
        await replaceUserSettings(session.page, settingsFile, original);
      }
      // A light theme drawing a dark theme's colours would mean the colours were read too early.
      for (const lightTheme of THEMES.filter((t) => /Light/.test(t)))
        for (const darkTheme of THEMES.filter((t) => !/Light/.test(t)))
          assert.ok(!sameColours(drawn[lightTheme], drawn[darkTheme]), `${lightTheme} draws the colours of ${darkTheme}`);
    });
  });

  test(SCENARIOS.longDocument, async () => {
    await session.step('long-document', async () => {
      const { page } = session;
      const opened = Date.now();
      await openFile(page, LONG.file);
      await activeEditor(page).locator('.view-lines').click();
      await page.keyboard.press('Control+End');
      const lines = longDocument().split('\n').length;
      await waitFor(async () => (await cursorPosition(page))?.line === lines, { message: `the cursor on the last line (${lines})` });
      await waitForHighlighted(page, LONG.lastEntities, { timeoutMs: 120_000, what: 'the entities of the last paragraph in colour' });
      console.log(`[e2e] last screen of ${LONG.file} highlighted ${Date.now() - opened} ms after opening it`);
      // Not only the last paragraph: the whole last screen is highlighted.
      const spans = await waitForColouredSpans(page, 30, { what: 'entities all over the last screen' });
      await page.screenshot({ path: join(RESULTS_DIR, 'long-document-end.png') });
      console.log(`[e2e] ${spans.length} coloured spans on the last screen of ${LONG.file}`);
      // The editor's chrome stays the document's: on an empty line in the middle, sticky scroll
      // pins headings only and the breadcrumb shows the heading path, no entity or label.
      const middle = longDocument()
        .split('\n')
        .findIndex((line, i, all) => i > all.length / 2 && line === '' && all[i - 1] !== '' && !all[i - 1].startsWith('#'));
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget .quick-input-box input').fill(`:${middle + 1}`);
      await page.keyboard.press('Enter');
      await waitFor(async () => (await cursorPosition(page))?.line === middle + 1, { message: `the cursor on line ${middle + 1}` });
      const sticky = await waitFor(
        async () => {
          const lines = (await activeEditor(page).locator('.sticky-widget .sticky-line-content').allInnerTexts()).map((l) => l.trim());
          return lines.length > 0 && lines.every((line) => line.startsWith('#')) ? lines : undefined;
        },
        { timeoutMs: 30_000, message: 'sticky scroll showing headings only' },
      );
      const crumbs = await waitFor(
        async () => {
          const items = (
            await page.locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item').allInnerTexts()
          ).map((i) => i.trim());
          return items.some((item) => /Part \d+/.test(item)) ? items : undefined;
        },
        { timeoutMs: 30_000, message: 'the breadcrumb showing the heading path' },
      );
      const entityWords = [...Object.keys(SAMPLE.coloured), 'People', 'Places', 'Organisations', 'Dates', 'Money', ...LONG.lastEntities];
      assert.ok(!crumbs.some((item) => entityWords.some((word) => item.includes(word))), `breadcrumb: ${crumbs.join(' › ')}`);
      console.log(`[e2e] sticky scroll: ${sticky.join(' | ')}; breadcrumb: ${crumbs.join(' › ')}`);
      await page.screenshot({ path: join(RESULTS_DIR, 'long-document-sticky.png') });
      await openFile(page, SAMPLE.file);
      await waitForHighlighted(page, COLOURED);
    });
  });

  test(SCENARIOS.hover, async () => {
    await session.step('hover', async () => {
      const text = await hoverContent(session.page, SAMPLE.hoverWord, SAMPLE.hoverLabel);
      assert.match(text, new RegExp(SAMPLE.person));
      assert.match(text, SAMPLE.hoverExplanation);
      assert.match(text, /Mentioned 1 time/);
      await dismissHovers(session.page);
    });
  });

  test(SCENARIOS.quietProblems, async () => {
    await session.step('quiet-problems', async () => {
      const { page } = session;
      // Highlighted means analysed: the diagnostics of the same analysis are published too (none
      // at default settings: the colours already show every entity).
      await waitForHighlighted(page, COLOURED);
      assert.equal(await countSquiggles(page, 'hint'), 0, 'no hint dots under the entities');
      const rows = await readProblems(page, () => true);
      assert.deepEqual(
        rows.filter((row) => /samsara/i.test(row.label)),
        [],
      );
      await page.locator('.markers-panel', { hasText: 'No problems have been detected in the workspace' }).waitFor({ timeout: 10_000 });
      await runCommand(page, 'View: Hide Panel');
    });
  });

  test(SCENARIOS.problems, async () => {
    await session.step('problems', async () => {
      const { page } = session;
      const original = userSettings();
      await replaceUserSettings(page, settingsFile, { ...original, 'samsara.diagnostics.severity': 'Information' });
      try {
        // Only the sample open: the long document's thousand rows would come first in the panel.
        await runCommand(page, 'View: Close All Editor Groups');
        await openFile(page, SAMPLE.file);
        const rows = await readProblems(
          page,
          (r) => r.some((row) => /problems? in file sample\.md/.test(row.label)) && r.some((row) => /GPE/.test(row.label)),
        );
        const labels = rows.map((row) => row.label).join('\n');
        assert.match(labels, /problems? in file sample\.md/);
        assert.ok(labels.includes(`${SAMPLE.diagnosticMessage} at line 3 and character 1. generated by samsara`), labels);
        assert.match(labels, /"London" — GPE \(Countries, cities, states\)/);
        assert.match(labels, /MONEY/);
        await waitForSquiggles(page, (n) => n >= SAMPLE.minEntities, { what: 'information squiggles under the entities' });
      } finally {
        await replaceUserSettings(page, settingsFile, original);
      }
      await openFile(page, SAMPLE.file);
      await readProblems(page, (r) => !r.some((row) => /samsara/i.test(row.label)));
      await runCommand(page, 'View: Hide Panel');
    });
  });

  test(SCENARIOS.status, async () => {
    await session.step('status', async () => {
      const text = await waitForSidecarState(session.page, /Samsara: ready/);
      assert.match(text, new RegExp(SAMPLE.model));
      assert.match(text, /Restart/);
      await dismissHovers(session.page);
    });
  });

  test(SCENARIOS.toggle, async () => {
    await session.step('toggle', async () => {
      const { page } = session;
      await waitForHighlighted(page, COLOURED);
      await runCommand(page, 'Samsara: Toggle Entity Highlighting');
      await waitForPlain(page, COLOURED, { what: 'no coloured entities with highlighting off' });
      // Every line drawn in plain colours but the Markdown heading's.
      assert.deepEqual(
        (await readColouredSpans(page)).filter((span) => !span.text.startsWith('# ')),
        [],
      );
      await runCommand(page, 'Samsara: Toggle Entity Highlighting');
      await waitForHighlighted(page, COLOURED, { what: 'the colours back' });

      await runCommand(page, 'Samsara: Toggle Entity Highlighting in This Workspace');
      await waitForPlain(page, COLOURED, { what: 'no coloured entities with highlighting off in the workspace' });
      const workspaceSettings = join(session.workspace, '.vscode', 'settings.json');
      assert.match(readFileSync(workspaceSettings, 'utf8'), /"samsara\.enable":\s*false/);
      await runCommand(page, 'Samsara: Toggle Entity Highlighting in This Workspace');
      await waitForHighlighted(page, COLOURED, { what: 'the colours back in the workspace' });
    });
  });

  test(SCENARIOS.restart, async () => {
    await session.step('restart', async () => {
      const before = session.sidecarPids();
      assert.equal(before.length, 1, `one sidecar before the restart, found ${JSON.stringify(before)}`);
      await runCommand(session.page, 'Samsara: Restart Sidecar');
      const after = await waitFor(
        () => {
          const pids = session.sidecarPids();
          return pids.length === 1 && pids[0] !== before[0] ? pids : undefined;
        },
        { timeoutMs: 60_000, message: 'a new sidecar process after the restart' },
      );
      assert.notEqual(after[0], before[0]);
      await waitForSidecarState(session.page, /Samsara: ready/);
      await dismissHovers(session.page);
      // The new sidecar analyses an edit.
      await appendText(session, `\n${EDITS.afterRestart.text}\n`);
      await waitForHighlighted(session.page, [EDITS.afterRestart.entity], { what: 'the new sentence highlighted' });
    });
  });

  test(SCENARIOS.killRecovery, async () => {
    await session.step('kill-recovery', async () => {
      const [victim] = session.sidecarPids();
      assert.ok(victim, 'a sidecar is running');
      process.kill(victim, 'SIGKILL');
      const replacement = await waitFor(
        () => {
          const pids = session.sidecarPids();
          return pids.length === 1 && pids[0] !== victim ? pids[0] : undefined;
        },
        { timeoutMs: 60_000, message: 'the worker starting a new sidecar' },
      );
      assert.notEqual(replacement, victim);
      await waitForSidecarState(session.page, /Samsara: ready/);
      await dismissHovers(session.page);
      await appendText(session, `${EDITS.afterKill.text}\n`);
      await waitForHighlighted(session.page, [EDITS.afterKill.entity], { what: 'the sentence typed after recovery highlighted' });
    });
  });

  test('changing samsara.languages restarts the client with the new document selector', async () => {
    await session.step('languages', async () => {
      const { page } = session;
      const original = userSettings();
      await replaceUserSettings(page, settingsFile, { ...original, 'samsara.languages': ['markdown'] });
      await openFile(page, SAMPLE_TXT.file);
      await waitForPlain(page, [SAMPLE_TXT.person], { what: 'plaintext not highlighted once only markdown is analysed' });
      await openFile(page, SAMPLE.file);
      await waitForHighlighted(page, COLOURED, { what: 'markdown still highlighted by the restarted client' });
      await replaceUserSettings(page, settingsFile, original);
      await openFile(page, SAMPLE_TXT.file);
      await waitForHighlighted(page, [SAMPLE_TXT.person], { what: 'plaintext highlighted again' });
    });
  });
});
