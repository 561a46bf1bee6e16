import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisCache } from '../../../../server/src/analysis/analysisCache';
import type { Entity } from '../../../../server/src/protocol/sidecar';

function fakeAnalyzer() {
  const calls: string[][] = [];
  const analyze = async (texts: string[]): Promise<Entity[][]> => {
    calls.push(texts);
    return texts.map((text) => [{ label: 'X', text: text.slice(0, 1), start: 0, end: 1 }]);
  };
  return { calls, analyze };
}

describe('AnalysisCache', () => {
  it('sends only blocks it has not seen, once each', async () => {
    const { calls, analyze } = fakeAnalyzer();
    const cache = new AnalysisCache(analyze);
    const first = await cache.entitiesFor(['a1', 'b2', 'a1']);
    assert.deepEqual(calls, [['a1', 'b2']]);
    assert.equal(first.length, 3);
    assert.deepEqual(first[0], first[2]);
    await cache.entitiesFor(['a1', 'c3', 'b2']);
    assert.deepEqual(calls, [['a1', 'b2'], ['c3']]);
    assert.equal(cache.stats.blocksAnalyzed, 3);
    assert.equal(cache.stats.blocksFromCache, 3);
  });

  it('waits for a block already in flight instead of sending it again', async () => {
    const { calls, analyze } = fakeAnalyzer();
    const cache = new AnalysisCache(analyze);
    const first = cache.entitiesFor(['same', 'x']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, [['same', 'x']], 'the first call is in flight');
    const [one, two] = await Promise.all([first, cache.entitiesFor(['same', 'y'])]);
    assert.deepEqual(calls, [['same', 'x'], ['y']]);
    assert.deepEqual(one[0], two[0]);
  });

  for (const concurrency of [1, 2]) {
    it(`batches by characters and keeps at most ${concurrency} batch(es) in flight`, async () => {
      let active = 0;
      let maxActive = 0;
      const calls: string[][] = [];
      const cache = new AnalysisCache(
        async (texts) => {
          calls.push(texts);
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((resolve) => setImmediate(resolve));
          active--;
          return texts.map(() => []);
        },
        { interactiveBatchChars: 10, concurrency: () => concurrency },
      );
      await cache.entitiesFor(['aaaa', 'bbbb', 'cccc', 'dddddddddddddddd', 'e']);
      assert.deepEqual(calls, [['aaaa', 'bbbb'], ['cccc'], ['dddddddddddddddd'], ['e']]);
      assert.equal(maxActive, concurrency);
    });
  }

  it('drops entities whose span does not fit the text, and does not cache failures', async () => {
    let fail = true;
    const cache = new AnalysisCache(async (texts) => {
      if (fail) throw new Error('sidecar gone');
      return texts.map(() => [
        { label: 'OK', text: 'ab', start: 0, end: 2 },
        { label: 'BAD', text: 'zz', start: 5, end: 99 },
      ]);
    });
    await assert.rejects(cache.entitiesFor(['abc']), /sidecar gone/);
    fail = false;
    const [entities] = await cache.entitiesFor(['abc']);
    assert.deepEqual(
      entities.map((e) => e.label),
      ['OK'],
    );
    assert.equal(cache.stats.invalidEntities, 1);
  });

  it('evicts the oldest entries past its bound', async () => {
    const { calls, analyze } = fakeAnalyzer();
    const cache = new AnalysisCache(analyze, { maxEntries: 2 });
    await cache.entitiesFor(['a']);
    await cache.entitiesFor(['b']);
    await cache.entitiesFor(['c']);
    assert.equal(cache.size, 2);
    await cache.entitiesFor(['a']);
    assert.deepEqual(calls.flat(), ['a', 'b', 'c', 'a']);
  });

  it('evicts the oldest entries past its character budget', async () => {
    const { calls, analyze } = fakeAnalyzer();
    const cache = new AnalysisCache(analyze, { maxChars: 10 });
    await cache.entitiesFor(['aaaa', 'bbbb']);
    await cache.entitiesFor(['cccc']);
    assert.equal(cache.size, 2);
    await cache.entitiesFor(['bbbb', 'aaaa']);
    assert.deepEqual(calls, [['aaaa', 'bbbb'], ['cccc'], ['aaaa']]);
  });

  describe('entity rules', () => {
    /** A sidecar whose answers name the rules it applies; `ruled` texts get a label of the rules. */
    function ruledAnalyzer() {
      const state = { rules: null as string | null, calls: [] as string[][], gate: undefined as Promise<void> | undefined };
      const analyze = async (texts: string[]) => {
        state.calls.push(texts);
        const rules = state.rules;
        await state.gate;
        return { rules, entities: texts.map((text) => [{ label: rules ?? 'NONE', text: text.slice(0, 1), start: 0, end: 1 }]) };
      };
      return { state, analyze };
    }
    /** A change that affects the texts holding `needle`. */
    const touching = (needle: string) => ({ affects: (text: string) => text.includes(needle) });

    it('answers only with results of the rules in effect', async () => {
      const { state, analyze } = ruledAnalyzer();
      const cache = new AnalysisCache(analyze);
      await cache.entitiesFor(['alpha', 'beta']);
      state.rules = 'h1';
      // Everything affected: nothing carries over, both blocks are sent again.
      assert.deepEqual(cache.rulesChanged('h1', { affects: () => true }), { carried: 0, dropped: 2 });
      const [alpha] = await cache.entitiesFor(['alpha', 'beta']);
      assert.equal(alpha[0].label, 'h1');
      assert.deepEqual(state.calls, [
        ['alpha', 'beta'],
        ['alpha', 'beta'],
      ]);
      assert.equal(cache.rules, 'h1');
    });

    it('carries over the results a change cannot affect and sends only the others', async () => {
      const { state, analyze } = ruledAnalyzer();
      const cache = new AnalysisCache(analyze);
      await cache.entitiesFor(['Ada met Babbage.', 'The Difference Engine.', 'Paris in spring.']);
      state.rules = 'h1';
      assert.deepEqual(cache.rulesChanged('h1', touching('Difference')), { carried: 2, dropped: 1 });
      const results = await cache.entitiesFor(['Ada met Babbage.', 'The Difference Engine.', 'Paris in spring.']);
      assert.deepEqual(state.calls.at(-1), ['The Difference Engine.'], 'only the affected block is sent');
      assert.deepEqual(
        results.map((r) => r[0].label),
        ['NONE', 'h1', 'NONE'],
        'carried-over results are those made before (the change cannot alter them)',
      );
      assert.equal(cache.stats.blocksCarriedOver, 2);
      assert.equal(cache.stats.blocksInvalidated, 1);
      // Back to no rules: the carried-over entries move again, the affected one is sent again.
      state.rules = null;
      cache.rulesChanged(null, touching('Difference'));
      await cache.entitiesFor(['Ada met Babbage.', 'The Difference Engine.', 'Paris in spring.']);
      assert.equal(state.calls.length, 3);
      assert.deepEqual(state.calls.at(-1), ['The Difference Engine.']);
    });

    it('does not share an answer on its way with new askers when the change affects it', async () => {
      const { state, analyze } = ruledAnalyzer();
      const cache = new AnalysisCache(analyze, { concurrency: () => 2 });
      let open!: () => void;
      state.gate = new Promise((resolve) => (open = resolve));
      const old = cache.entitiesFor(['Difference Engine', 'Ada']);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(state.calls.length, 1, 'the first batch is in flight');
      state.rules = 'h1';
      state.gate = undefined;
      cache.rulesChanged('h1', touching('Difference'));
      const fresh = cache.entitiesFor(['Difference Engine', 'Ada']);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(state.calls[1], ['Difference Engine'], 'the affected text is sent again; the other waits for its answer');
      open();
      const [[oldEngine], [newEngine, ada]] = await Promise.all([old, fresh]);
      assert.equal(oldEngine[0].label, 'NONE', 'the first asker keeps the answer it waited for');
      assert.equal(newEngine[0].label, 'h1');
      assert.equal(ada[0].label, 'NONE');
      // The late answer of the unaffected text was carried over: it answers from the cache now.
      await cache.entitiesFor(['Ada', 'Difference Engine']);
      assert.equal(state.calls.length, 2);
    });

    it('keeps an answer made with other rules out of the current results', async () => {
      const { state, analyze } = ruledAnalyzer();
      const cache = new AnalysisCache(analyze);
      state.rules = 'elsewhere'; // e.g. a worker that came back without the rules
      await cache.entitiesFor(['x1']);
      assert.equal(cache.stats.staleRuleAnswers, 1);
      state.rules = null;
      await cache.entitiesFor(['x1']);
      assert.equal(state.calls.length, 2, 'the stale answer did not answer for the rules in effect');
    });
  });
});
