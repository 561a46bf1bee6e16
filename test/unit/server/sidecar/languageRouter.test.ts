// The language router gives each pool it starts the entity rules of its language, and again
// when the rules change, and passes on the entries a pool skipped (the pools are fakes: only
// what the router asks of them is recorded).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalysisCache } from '../../../../server/src/analysis/analysisCache';
import type { EntityRules, EntityRulesProblem } from '../../../../server/src/protocol/sidecar';
import { LanguageRouter, pipelineLanguage } from '../../../../server/src/sidecar/languageRouter';
import type { SidecarPool } from '../../../../server/src/sidecar/sidecarPool';

function fakes() {
  const applied: { language: string; rules: EntityRules }[] = [];
  const cleared: string[] = [];
  const open = (language: string) => ({
    pool: {
      setEntityRules: async (rules: EntityRules) => {
        applied.push({ language, rules });
        const problems: EntityRulesProblem[] = rules.known.length > 0 ? [{ index: 0, code: 'INVALID_ENTRY', message: 'no' }] : [];
        return { rules: 'h', applied: rules.known.length, problems };
      },
      dispose: async () => undefined,
    } as unknown as SidecarPool,
    cache: { clear: () => cleared.push(language), pump: () => undefined } as unknown as AnalysisCache,
  });
  const rulesFor = (language: string): EntityRules => ({
    known: language === 'fr' ? [{ label: 'LOC', text: 'Paris' }] : [],
  });
  const skipped: { language: string; problems: EntityRulesProblem[] }[] = [];
  const router = new LanguageRouter({
    primary: () => ({ pool: undefined, cache: {} as AnalysisCache, language: 'en' }),
    installed: () => [
      { name: 'fr_core_news_sm', language: 'fr', path: '/p/fr' },
      { name: 'de_core_news_sm', language: 'de', path: '/p/de' },
    ],
    open: (pipeline) => open(pipeline.language),
    idleMs: () => 60_000,
    rules: rulesFor,
    rulesApplied: (language, problems) => skipped.push({ language, problems }),
  });
  return { router, applied, cleared, skipped };
}

describe('LanguageRouter and entity rules', () => {
  it("applies a pool's language rules when it starts, and nothing to a pool without any", () => {
    const { router, applied } = fakes();
    assert.ok(router.cacheFor('fr'));
    assert.ok(router.cacheFor('de'));
    assert.deepEqual(applied, [{ language: 'fr', rules: { known: [{ label: 'LOC', text: 'Paris' }] } }]);
  });

  it('gives every started pool its rules again when they change, and drops its results', () => {
    const { router, applied, cleared } = fakes();
    router.cacheFor('fr');
    router.cacheFor('de');
    applied.length = 0;
    router.rulesChanged();
    assert.deepEqual(
      applied.map((a) => [a.language, a.rules.known.length]),
      [
        ['fr', 1],
        ['de', 0],
      ],
    );
    assert.deepEqual(cleared, ['fr', 'de']);
  });

  it("passes on the entries a pool's pipeline skipped, and clears them when its pipeline is removed", async () => {
    const { router, skipped } = fakes();
    router.cacheFor('fr');
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(skipped, [{ language: 'fr', problems: [{ index: 0, code: 'INVALID_ENTRY', message: 'no' }] }]);
    router.unload('fr_core_news_sm');
    assert.deepEqual(skipped.at(-1), { language: 'fr', problems: [] });
  });

  it('names the pipeline that reads each language: the installed one, none for the primary before its model is ready', () => {
    const { router } = fakes();
    assert.equal(router.pipelineFor('fr'), 'fr_core_news_sm');
    assert.ok(router.cacheFor('de'));
    assert.equal(router.pipelineFor('de'), 'de_core_news_sm');
    assert.equal(router.pipelineFor('en'), undefined, 'the primary pool has no model yet');
    assert.equal(router.pipelineFor('pl'), undefined);
  });

  it("reads a pipeline's language from its name", () => {
    assert.equal(pipelineLanguage('fr_core_news_sm'), 'fr');
    assert.equal(pipelineLanguage('xx_ent_wiki_sm'), 'xx');
    assert.equal(pipelineLanguage(undefined), 'en');
  });
});
