import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisCache } from '../../../server/src/features/analysisCache';
import type { Entity } from '../../../server/src/protocol/sidecar';

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
});
