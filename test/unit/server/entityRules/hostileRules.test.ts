// A hostile rules file (issue 20, attacks 1 to 3) read by the server: an alias bomb is a problem
// in the file and never an exception out of a reload (the server crashed on start-up); patterns
// over the cost bounds are skipped with an error on their entry; REGEX and FUZZY in a workspace
// file are refused unless the user allowed them (the reloader asks; restricted workspaces say no).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { PATTERN_COST_LIMITS, opCost, patternCostProblem } from '../../../../server/src/entityRules/patternCost';
import { mergeRules, WORKSPACE_REGEX_REFUSED } from '../../../../server/src/entityRules/protocolRules';
import { editRulesText, RulesEditError } from '../../../../server/src/entityRules/rulesEdit';
import { parseRulesFile } from '../../../../server/src/entityRules/rulesFile';
import { RulesReloader } from '../../../../server/src/entityRules/rulesReloader';
import { silentLogger } from '../../../../server/src/logger';
import type { EntityRules } from '../../../../server/src/protocol/sidecar';
import { ALIAS_BOMB, ALIAS_HUNDRED } from '../../../helpers/hostileWorkspace';

const optional = (n: number) => Array.from({ length: n }, () => ({ IS_ALPHA: true, OP: '?' }));

describe('a hostile rules file', () => {
  it('an alias bomb is a problem in the file, not an exception', () => {
    for (const text of [ALIAS_HUNDRED, ALIAS_BOMB]) {
      const content = parseRulesFile(text);
      assert.equal(content.readable, false);
      assert.match(content.problems[0].message, /cannot be read: Excessive alias count/);
    }
  });

  it('a code action on an alias bomb fails with a clear error', () => {
    assert.throws(() => editRulesText(ALIAS_BOMB, 'yaml', { kind: 'ignore', text: 'Moon' }), RulesEditError);
  });

  it('patterns over the cost bounds are skipped with an error on their entry, the others apply', () => {
    const file = JSON.stringify({
      known: [
        { pattern: optional(50), label: 'X' }, // the pattern: 3 GB in 9 s
        { pattern: [{ IS_ALPHA: true, OP: '{0,40}' }], label: 'X' },
        { pattern: [{ TEXT: { REGEX: 'a'.repeat(201) } }], label: 'X' },
        { pattern: optional(PATTERN_COST_LIMITS.maxVariableOpsPerPattern), label: 'OK' },
        { text: 'Ada', label: 'P' },
      ],
    });
    const content = parseRulesFile(file);
    assert.deepEqual(
      content.known.map((k) => k.index),
      [3, 4],
    );
    assert.deepEqual(
      content.problems.map((p) => p.path),
      ['known[0].pattern', 'known[1].pattern', 'known[2].pattern'],
    );
    assert.match(content.problems[0].message, /has 50 optional or repeating tokens .*at most 8/);
  });

  it('the patterns of one file share a budget', () => {
    assert.equal(patternCostProblem(optional(8), 64), undefined);
    assert.match(patternCostProblem(optional(8), 7) ?? '', /together/);
    assert.deepEqual(opCost('{2,}'), [1, 3]);
    const many = { known: Array.from({ length: 10 }, (_, i) => ({ pattern: [{ LOWER: `w${i}` }, ...optional(8)], label: 'X' })) };
    const content = parseRulesFile(JSON.stringify(many));
    assert.equal(content.known.length, 8);
    assert.equal(content.problems.length, 2);
  });

  it('REGEX and FUZZY in a workspace file are refused unless allowed; the user file may use them', () => {
    const content = parseRulesFile(
      JSON.stringify({
        known: [
          { pattern: [{ TEXT: { REGEX: '(a+)+$' } }], label: 'X' },
          { pattern: [{ LOWER: { FUZZY: 'ada' } }], label: 'X' },
          { pattern: [{ LOWER: 'ada' }], label: 'P' },
        ],
      }),
    );
    const workspace = mergeRules([{ uri: 'file:///w/.samsara/entities.yaml', scope: 'workspace', content }]);
    assert.deepEqual(workspace.rules.known, [{ label: 'P', pattern: [{ LOWER: 'ada' }] }]);
    assert.deepEqual(
      workspace.problems.map((p) => [p.problem.path, p.problem.message]),
      [
        ['known[0].pattern', WORKSPACE_REGEX_REFUSED],
        ['known[1].pattern', WORKSPACE_REGEX_REFUSED],
      ],
    );
    const allowed = mergeRules([{ uri: 'file:///w/.samsara/entities.yaml', scope: 'workspace', content }], { allowWorkspaceRegex: true });
    assert.equal(allowed.rules.known.length, 3);
    const user = mergeRules([{ uri: 'file:///home/me/rules.yaml', scope: 'user', content }]);
    assert.equal(user.rules.known.length, 3);
  });
});

describe('the reloader and a hostile rules file', () => {
  let workspace: string;
  let sent: EntityRules[];
  let diagnostics: Map<string, Diagnostic[]>;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'samsara-hostile-'));
    mkdirSync(join(workspace, '.samsara'));
    sent = [];
    diagnostics = new Map();
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const reloader = (allow?: boolean) =>
    new RulesReloader({
      folders: async () => [pathToFileURL(workspace).href],
      userFileSetting: async () => '',
      allowWorkspaceRegex: allow === undefined ? undefined : async () => allow,
      apply: async (rules) => {
        sent.push(rules);
        return { rules: 'h', applied: rules.known.length, problems: [] };
      },
      rulesChanged: () => undefined,
      publishDiagnostics: (uri, list) => diagnostics.set(uri, list),
      log: silentLogger,
    });

  it('the start-up reload of an alias bomb resolves and shows the problem in the file', async () => {
    const path = join(workspace, '.samsara', 'entities.yaml');
    writeFileSync(path, ALIAS_HUNDRED);
    await reloader().reload('start');
    const shown = diagnostics.get(pathToFileURL(path).href) ?? [];
    assert.match(shown[0]?.message ?? '', /Excessive alias count/);
  });

  it('asks whether workspace REGEX may run: absent or false refuses, true sends', async () => {
    writeFileSync(
      join(workspace, '.samsara', 'entities.json'),
      JSON.stringify({
        known: [
          { pattern: [{ TEXT: { REGEX: 'x' } }], label: 'X' },
          { text: 'Ada', label: 'P' },
        ],
      }),
    );
    await reloader().reload('start');
    await reloader(false).reload('start');
    await reloader(true).reload('start');
    assert.deepEqual(
      sent.map((rules) => rules.known.length),
      [1, 1, 2],
    );
  });
});
