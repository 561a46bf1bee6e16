// The rules service with real files in a temporary workspace and a fake sidecar pool.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { RulesReloader } from '../../../../server/src/entityRules/rulesReloader';
import type { RuleChange } from '../../../../server/src/entityRules/ruleChange';
import { MAX_RULES_FILE_BYTES } from '../../../../server/src/entityRules/rulesSources';
import { silentLogger } from '../../../../server/src/logger';
import type { EntityRules, EntityRulesData } from '../../../../server/src/protocol/sidecar';

describe('RulesReloader', () => {
  let workspace: string;
  let rulesPath: string;
  let userPath: string;
  let sent: EntityRules[];
  let changes: { hash: string | null; change: RuleChange }[];
  let diagnostics: Map<string, Diagnostic[]>;
  let answer: (rules: EntityRules) => EntityRulesData;

  const service = () =>
    new RulesReloader({
      folders: async () => [pathToFileURL(workspace).href],
      userFileSetting: async () => userPath,
      apply: async (rules) => {
        sent.push(rules);
        return answer(rules);
      },
      rulesChanged: (hash, change) => changes.push({ hash, change }),
      publishDiagnostics: (uri, list) => diagnostics.set(uri, list),
      log: silentLogger,
    });

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'samsara-known-'));
    mkdirSync(join(workspace, '.samsara'));
    rulesPath = join(workspace, '.samsara', 'entities.yaml');
    userPath = join(workspace, 'user-entities.yaml');
    sent = [];
    changes = [];
    diagnostics = new Map();
    answer = (rules) => ({ rules: `h${sent.length}`, applied: rules.known.length, problems: [] });
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('merges the workspace and user files, applies them, and says which blocks the change reaches', async () => {
    writeFileSync(rulesPath, 'known:\n  - {text: Difference Engine, label: PRODUCT}\n');
    writeFileSync(userPath, 'known:\n  - {text: Bree, label: GPE}\nignore: {labels: [CARDINAL]}\n');
    const known = service();
    await known.reload('test');
    assert.deepEqual(sent, [
      {
        known: [
          { label: 'PRODUCT', text: 'Difference Engine' },
          { label: 'GPE', text: 'Bree' },
        ],
        ignore: { texts: [], labels: ['CARDINAL'] },
      },
    ]);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].hash, 'h1');
    assert.equal(changes[0].change.affects('They reached Bree.', []), true);
    assert.equal(changes[0].change.affects('Paris.', [{ label: 'GPE', text: 'Paris', start: 0, end: 5 }]), false);
    assert.deepEqual(known.labels, ['PRODUCT', 'GPE']);
    // Read again unchanged: nothing is sent.
    await known.reload('again');
    assert.equal(sent.length, 1);
  });

  it("shows the sidecar's problems on the entry of the file they came from", async () => {
    writeFileSync(rulesPath, '# mine\nknown:\n  - {text: Ada, label: PERSON}\n  - pattern: [{POS: PROPN}]\n    label: PERSON\n');
    answer = () => ({
      rules: 'h',
      applied: 1,
      problems: [{ index: 1, code: 'NEEDS_COMPONENT', message: 'known[1].pattern[0] uses POS, which needs a tagger' }],
    });
    await service().reload('test');
    const list = diagnostics.get(pathToFileURL(rulesPath).href) ?? [];
    assert.deepEqual(
      list.map((d) => [d.range.start.line, d.message]),
      [[3, 'known[1]: known[1].pattern[0] uses POS, which needs a tagger (NEEDS_COMPONENT; the entry is skipped)']],
    );
  });

  it('keeps the rules of a file that stops parsing, shows why, and clears the problems once it is fixed', async () => {
    writeFileSync(rulesPath, 'known:\n  - {text: Ada, label: PERSON}\n');
    const known = service();
    await known.reload('first');
    writeFileSync(rulesPath, 'known:\n  - {text: Ada, label: PERSON\n');
    await known.reload('broken');
    assert.equal(sent.length, 1, 'the rules in effect did not change');
    const uri = pathToFileURL(rulesPath).href;
    assert.match(diagnostics.get(uri)?.[0]?.message ?? '', /not valid YAML/);
    writeFileSync(rulesPath, 'known:\n  - {text: Ada, label: ORG}\n');
    await known.reload('fixed');
    assert.deepEqual(sent.at(-1)?.known, [{ label: 'ORG', text: 'Ada' }]);
    assert.deepEqual(diagnostics.get(uri), []);
  });

  it('does not read a file over the size limit', async () => {
    writeFileSync(rulesPath, `known: []\n# ${'x'.repeat(MAX_RULES_FILE_BYTES)}\n`);
    await service().reload('test');
    assert.equal(sent.length, 0, 'no rules: nothing to send');
    assert.match(diagnostics.get(pathToFileURL(rulesPath).href)?.[0]?.message ?? '', /over the limit of 256 KB: not read/);
  });

  it('runs one reload at a time; those asked meanwhile become one more', async () => {
    writeFileSync(rulesPath, 'known:\n  - {text: Ada, label: PERSON}\n');
    const known = service();
    const first = known.reload('one');
    writeFileSync(rulesPath, 'known:\n  - {text: Ada, label: ORG}\n');
    await Promise.all([first, known.reload('two'), known.reload('three')]);
    assert.equal(known.stats.reloads, 2);
    assert.deepEqual(sent.at(-1)?.known, [{ label: 'ORG', text: 'Ada' }]);
  });
});
