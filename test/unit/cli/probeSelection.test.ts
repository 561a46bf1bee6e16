// Issue 20, attack 6 on the command line: `--selection-lines 2-2` sends exactly line 2 (a lone
// \r once carried line 3 along), and a scenario file read from the current folder is named.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { scenarioFileNote, selectLines } from '../../../cli/src/commands/probeOptions';
import { resolveScenario } from '../../../server/src/probes/scenarioLoader';

describe('probe selection on the command line', () => {
  it('--selection-lines a-b is exactly those lines, whatever the line ends', () => {
    assert.equal(selectLines('one\ntwo\nthree\n', '2-2'), 'two');
    assert.equal(selectLines('one\r\ntwo\r\nthree', '2-2'), 'two');
    assert.equal(selectLines('one\ntwo\rthree\n', '2-2'), 'two');
    assert.equal(selectLines('one\rtwo\rthree', '2-3'), 'two\nthree');
  });

  it('a scenario file found in the current folder is reported with the scenario used', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'samsara-cli-scenarios-'));
    mkdirSync(join(cwd, '.samsara'));
    const file = join(cwd, '.samsara', 'scenarios.yaml');
    writeFileSync(file, 'scenarios:\n  - { id: summarize, title: Theirs, preamble: p, prompt: "{{document}}" }\n');
    const sources = {
      settings: { scenarios: [], scenarioFile: '.samsara/scenarios.yaml' },
      workspaceFolders: async () => [pathToFileURL(cwd).href],
    };
    const builtIn = await resolveScenario('summarize', sources);
    assert.equal(builtIn.scenario.title, 'Summarise, then follow up', 'the file cannot replace the built-in');
    assert.equal(builtIn.file, file);
    assert.equal(scenarioFileNote(builtIn.file ?? '', builtIn.scenario.id), `samsara: scenarios read from ${file} (scenario "summarize")`);
  });
});
