// Entity rules that say their language (`language: fr`): validated with their file and field,
// sent only to the pipeline of that language, the others to every pipeline; the entries a pool
// of another language skips are shown on their lines of the rules file, naming the language.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { mergeRules, rulesForLanguage } from '../../../../server/src/entityRules/protocolRules';
import { RulesReloader } from '../../../../server/src/entityRules/rulesReloader';
import { parseRulesFile } from '../../../../server/src/entityRules/rulesFile';
import { silentLogger } from '../../../../server/src/logger';
import type { EntityRules } from '../../../../server/src/protocol/sidecar';

const RULES = `known:
  - { text: Paris, label: LOC, language: fr }
  - { text: Paris, label: GPE }
  - { text: Jean Valjean, label: PER, language: fr, aliases: [Monsieur Madeleine] }
  - { pattern: [{ LOWER: frau }, { IS_TITLE: true }], label: PER, language: de }
  - { text: Difference Engine, label: PRODUCT }
`;

describe('entity rules with a language', () => {
  it('reports a language that is not a code with its field path and line, and keeps the rest', () => {
    const content = parseRulesFile(
      'known:\n  - { text: Ada, label: PERSON, language: French }\n  - { text: Bo, label: PERSON, language: fr-CA }\n  - { text: Cy, label: PERSON, language: fr }\n',
    );
    assert.deepEqual(
      content.problems.map((p) => `${p.path} @${p.range.start.line + 1}: ${p.message}`),
      [
        'known[0].language @2: must be a language code of 2 or 3 lowercase letters, such as fr or de',
        'known[1].language @3: must be a language code of 2 or 3 lowercase letters, such as fr or de',
      ],
    );
    assert.deepEqual(
      content.known.map((k) => k.value),
      [{ text: 'Cy', label: 'PERSON', language: 'fr' }],
    );
  });

  it('sends each pipeline the entries for its language and those without one; the same name may differ by language', () => {
    const merged = mergeRules([{ uri: 'file:///w/.samsara/entities.yaml', scope: 'workspace', content: parseRulesFile(RULES) }]);
    assert.deepEqual(merged.problems, []);
    const texts = (rules: EntityRules) => rules.known.map((k) => `${'text' in k ? k.text : 'pattern'}:${k.label}`);
    const french = rulesForLanguage(merged, 'fr');
    assert.deepEqual(texts(french.rules), [
      'Paris:LOC',
      'Paris:GPE',
      'Jean Valjean:PER',
      'Monsieur Madeleine:PER',
      'Difference Engine:PRODUCT',
    ]);
    // The sidecar's problems name an index in the list sent: each index still finds its entry.
    assert.deepEqual(
      french.origins.map((o) => o.index),
      [0, 1, 2, 2, 4],
    );
    assert.deepEqual(texts(rulesForLanguage(merged, 'en').rules), ['Paris:GPE', 'Difference Engine:PRODUCT']);
    assert.deepEqual(texts(rulesForLanguage(merged, 'de').rules), ['Paris:GPE', 'pattern:PER', 'Difference Engine:PRODUCT']);
    assert.deepEqual(
      rulesForLanguage(merged, 'de').origins.map((o) => o.index),
      [1, 3, 4],
    );
  });

  describe('RulesReloader', () => {
    let workspace: string;
    let sent: EntityRules[];
    let diagnostics: Map<string, Diagnostic[]>;
    let languageChanges: number;
    beforeEach(() => {
      workspace = mkdtempSync(join(tmpdir(), 'samsara-rules-lang-'));
      mkdirSync(join(workspace, '.samsara'));
      sent = [];
      diagnostics = new Map();
      languageChanges = 0;
    });
    afterEach(() => rmSync(workspace, { recursive: true, force: true }));

    const reloader = (language: string | (() => string)) =>
      new RulesReloader({
        folders: async () => [pathToFileURL(workspace).href],
        userFileSetting: async () => '',
        apply: async (rules) => {
          sent.push(rules);
          return { rules: `h${sent.length}`, applied: rules.known.length, problems: [] };
        },
        language: typeof language === 'string' ? () => language : language,
        languageRulesChanged: () => (languageChanges += 1),
        rulesChanged: () => undefined,
        publishDiagnostics: (uri, list) => diagnostics.set(uri, list),
        log: silentLogger,
      });

    it("applies to the primary pipeline only its language's entries, and gives another language its own", async () => {
      writeFileSync(join(workspace, '.samsara', 'entities.yaml'), RULES);
      const rules = reloader('en');
      await rules.reload('test');
      assert.deepEqual(sent, [
        {
          known: [
            { label: 'GPE', text: 'Paris' },
            { label: 'PRODUCT', text: 'Difference Engine' },
          ],
        },
      ]);
      assert.equal(languageChanges, 1);
      assert.deepEqual(
        rules.rulesFor('fr').known.map((k) => k.label),
        ['LOC', 'GPE', 'PER', 'PER', 'PRODUCT'],
      );
      // The legend serves documents in every language: labels of French-only entries count.
      assert.deepEqual(rules.labels, ['LOC', 'GPE', 'PER', 'PRODUCT']);
      // A change to French entries only: the primary pool is not asked again, the other pools are.
      writeFileSync(join(workspace, '.samsara', 'entities.yaml'), RULES.replace('label: LOC, language: fr', 'label: GPE, language: fr'));
      await rules.reload('edit');
      assert.equal(sent.length, 1);
      assert.equal(languageChanges, 2);
      assert.equal(rules.rulesFor('fr').known[0]?.label, 'GPE');
    });

    it('gives the primary pool its language again when its pipeline turns out to be French', async () => {
      writeFileSync(join(workspace, '.samsara', 'entities.yaml'), RULES);
      let primary = 'en';
      const rules = reloader(() => primary);
      await rules.reload('start');
      primary = 'fr';
      rules.primaryReady();
      await rules.reload('settle'); // the reload primaryReady started, then this one (nothing new)
      assert.deepEqual(
        sent.map((r) => r.known.length),
        [2, 5],
      );
    });

    it('shows a bad language on its line of the rules file', async () => {
      const file = join(workspace, '.samsara', 'entities.yaml');
      writeFileSync(file, 'known:\n  - { text: Ada, label: PERSON, language: FR }\n');
      await reloader('en').reload('test');
      const shown = diagnostics.get(pathToFileURL(file).href) ?? [];
      assert.equal(shown.length, 1);
      assert.match(shown[0]?.message ?? '', /known\[0\]\.language.*language code/);
      assert.equal(shown[0]?.range.start.line, 1);
    });

    it("shows the entries another language's pipeline skipped on their lines, naming the language, once per entry", async () => {
      const file = join(workspace, '.samsara', 'entities.yaml');
      writeFileSync(file, RULES);
      const rules = reloader('en');
      await rules.reload('test');
      const uri = pathToFileURL(file).href;
      assert.equal((diagnostics.get(uri) ?? []).length, 0);
      // The German pool refuses its pattern (index 1 of the three entries it was sent: the file's known[3]).
      rules.routedRulesApplied('de', [{ index: 1, code: 'NEEDS_COMPONENT', message: 'known[1]: needs a component' }]);
      const shown = diagnostics.get(uri) ?? [];
      assert.equal(shown.length, 1);
      assert.match(
        shown[0]?.message ?? '',
        /known\[3\]: known\[3\]: needs a component \(NEEDS_COMPONENT; the German language model skips the entry\)/,
      );
      assert.equal(shown[0]?.range.start.line, 4);
      // The French pool refuses an entry every pool was sent, as the German one does: said once.
      rules.routedRulesApplied('fr', [{ index: 1, code: 'INVALID_ENTRY', message: 'bad' }]);
      rules.routedRulesApplied('de', [{ index: 0, code: 'INVALID_ENTRY', message: 'bad' }]);
      assert.deepEqual(
        (diagnostics.get(uri) ?? []).map((d) => d.range.start.line),
        [2],
      );
      // The pools answer again without problems: the file is clear again.
      rules.routedRulesApplied('fr', []);
      rules.routedRulesApplied('de', []);
      assert.deepEqual(diagnostics.get(uri), []);
    });
  });
});
