import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allInteractive, editPolicy } from '../../../../server/src/analysis/priorities';
import { DocumentRun } from '../../../../server/src/analysis/documentRun';
import { AnalysisCache } from '../../../../server/src/analysis/analysisCache';
import type { Entity } from '../../../../server/src/protocol/sidecar';
import type { AnalysisUnit } from '../../../../server/src/analysis/analysisUnits';

/** Blocks of `texts` (units without context), one after the other with a blank line between. */
function blocksOf(texts: string[]): AnalysisUnit[] {
  let start = 0;
  return texts.map((text) => {
    const block = { start, text, runs: [0, 0], cuts: [], coreFrom: 0, coreTo: text.length };
    start += text.length + 2;
    return block;
  });
}

/** An analyzer that tags each text's first word, and says whether a run was still being built. */
function recordingAnalyzer() {
  const calls: Array<{ texts: string[]; whileBuilding: boolean }> = [];
  const state = { building: false };
  const analyze = async (texts: string[]): Promise<Entity[][]> => {
    calls.push({ texts, whileBuilding: state.building });
    return texts.map((text) => [{ label: 'PERSON', text: text.split(' ')[0], start: 0, end: text.indexOf(' ') }]);
  };
  return { calls, state, analyze };
}

const paragraphs = Array.from({ length: 400 }, (_, i) => `Ada${i} wrote paragraph ${i}.`);

describe('DocumentRun', () => {
  it('after an edit, sends the changed block while the rest is still being looked up, and answers in document order', async () => {
    const { calls, state, analyze } = recordingAnalyzer();
    const cache = new AnalysisCache(analyze);
    const options = { uri: 'file:///a.txt', cache, visible: () => true };
    await new DocumentRun({ ...options, version: 1, blocks: blocksOf(paragraphs), priorityOf: allInteractive }).done;
    const edited = [...paragraphs];
    edited[200] = 'Grace wrote this one instead.';
    state.building = true;
    const run = new DocumentRun({
      ...options,
      version: 2,
      blocks: blocksOf(edited),
      priorityOf: editPolicy(),
      edit: { changed: [200], origin: [] },
    });
    state.building = false;
    assert.deepEqual(calls.at(-1), { texts: ['Grace wrote this one instead.'], whileBuilding: true });
    const entities = await run.done;
    assert.deepEqual(
      entities.map((e) => e.text),
      edited.map((p) => p.split(' ')[0]),
    );
    assert.equal(entities[200].start, blocksOf(edited)[200].start);
  });

  it('without an edit, sends its blocks once they are all asked for', async () => {
    const { calls, state, analyze } = recordingAnalyzer();
    const cache = new AnalysisCache(analyze);
    state.building = true;
    const run = new DocumentRun({
      uri: 'file:///b.txt',
      version: 1,
      blocks: blocksOf(paragraphs.slice(0, 5)),
      cache,
      priorityOf: allInteractive,
      visible: () => true,
    });
    state.building = false;
    assert.equal(calls.length, 0, 'nothing sent while the run is built');
    assert.equal((await run.done).length, 5);
    assert.deepEqual(calls, [{ texts: paragraphs.slice(0, 5), whileBuilding: false }]);
  });

  it('shows a unit whose context alone changed with its previous entities first, and sends it only when done is asked for', async () => {
    const { calls, analyze } = recordingAnalyzer();
    const cache = new AnalysisCache(analyze);
    const options = { uri: 'file:///c.txt', cache, visible: () => true, priorityOf: allInteractive };
    const units = (texts: string[]): AnalysisUnit[] =>
      blocksOf(texts).map((unit, i) => ({ ...unit, coreTo: i === 0 ? unit.text.indexOf(' |') : unit.text.length }));
    // Unit 0's core is "Ada0 wrote", its context " | Ada1..." (its neighbour's first word).
    const before = ['Ada0 wrote | Ada1 read', 'Ada1 read'];
    const first = new DocumentRun({ ...options, version: 1, blocks: units(before) });
    await first.done;
    const after = ['Ada0 wrote | Grace read', 'Grace read'];
    const sent = calls.length;
    const run = new DocumentRun({
      ...options,
      version: 2,
      blocks: units(after),
      edit: { changed: [0, 1], origin: [0, -1], previous: first },
    });
    assert.equal(run.provisional, true);
    assert.deepEqual(
      (await run.first).map((e) => e.text),
      ['Ada0', 'Grace'],
    );
    assert.deepEqual(
      calls.slice(sent).map((c) => c.texts),
      [['Grace read']],
      'only the edited unit went to the sidecar',
    );
    assert.equal((await run.done).length, 2);
    assert.deepEqual(calls.at(-1)?.texts, ['Ada0 wrote | Grace read'], 'done sends the unit held back');
  });
});
