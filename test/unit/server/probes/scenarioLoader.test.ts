import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { UnknownScenarioError } from '../../../../server/src/probes/errors';
import { loadScenarios, resolveScenario, type ScenarioSources } from '../../../../server/src/probes/scenarioLoader';
import { BUILTIN_SCENARIOS } from '../../../../server/src/probes/scenarios';

const workspace = mkdtempSync(join(tmpdir(), 'samsara-scenarios-'));
mkdirSync(join(workspace, '.samsara'));
writeFileSync(
  join(workspace, '.samsara', 'scenarios.yaml'),
  'scenarios:\n  - { id: summarize, title: Mine, preamble: p, prompt: "Mine {{selection}}" }\n  - { id: bad, title: Bad, preamble: p, prompt: none }\n',
);

function sources(scenarioFile: string, scenarios: unknown[] = []): ScenarioSources {
  return { settings: { scenarioFile, scenarios }, workspaceFolders: async () => [pathToFileURL(workspace).toString()] };
}

describe('scenario loading (the server is its one owner)', () => {
  // Issue 20, attack 6: a repository's file redefined the built-in `summarize` to send {{document}}.
  it('merges built-ins, settings and the workspace file; neither may replace a built-in, and each says where it comes from', async () => {
    const file = join(workspace, '.samsara', 'scenarios.yaml');
    const fromSettings = [{ id: 'mine', title: 'From settings', preamble: '', prompt: '{{selection}}' }];
    const { scenarios, problems, file: used } = await loadScenarios(sources('.samsara/scenarios.yaml', fromSettings));
    assert.equal(scenarios.find((s) => s.id === 'summarize')?.title, 'Summarise, then follow up');
    assert.equal(scenarios.find((s) => s.id === 'workspace.summarize')?.title, `Mine (from ${file})`);
    assert.equal(scenarios.find((s) => s.id === 'mine')?.title, 'From settings (from samsara.probes.scenarios)');
    assert.ok(scenarios.some((s) => s.id === 'critique'));
    assert.equal(used, file);
    assert.deepEqual(problems, [
      `${file}: scenarios[1].prompt (scenario "bad"): must contain {{selection}} (or {{document}}, {{entity}}, {{entities}})`,
      `${file}: scenario "summarize" cannot replace the built-in one of that id; it is offered as "workspace.summarize"`,
    ]);
  });

  it('reads no file when the setting is empty (a restricted workspace without a user value)', async () => {
    const { scenarios, problems } = await loadScenarios(sources(''));
    assert.equal(scenarios.find((s) => s.id === 'summarize')?.title, 'Summarise, then follow up');
    assert.deepEqual(problems, []);
  });

  it('resolves an id the way the picker lists it, and names what it knows when it cannot', async () => {
    const { scenario } = await resolveScenario('summarize', sources('.samsara/scenarios.yaml'));
    assert.equal(scenario.prompt, BUILTIN_SCENARIOS[0].prompt);
    const { scenario: theirs } = await resolveScenario('workspace.summarize', sources('.samsara/scenarios.yaml'));
    assert.equal(theirs.prompt, 'Mine {{selection}}');
    await assert.rejects(resolveScenario('nope', sources('')), (error: unknown) => {
      assert.ok(error instanceof UnknownScenarioError);
      assert.equal(error.code, 'PROBE_UNKNOWN_SCENARIO');
      assert.match(error.message, /Unknown scenario "nope".*summarize, entities, critique/);
      return true;
    });
  });
});
