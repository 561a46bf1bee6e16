import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentSpan, shiftBlock, sliceBlock, sourceOffset, type ProseBlock } from '../../../../server/src/text/proseBlock';

// "Bill Gates and Ada" from "**Bill** Gates `x` and Ada" at document offset 10 (prose from 12).
const block: ProseBlock = { start: 12, text: 'Bill Gates and Ada', runs: [0, 0, 4, 6, 11, 17], cuts: [11] };

describe('ProseBlock', () => {
  it('maps prose offsets through its runs', () => {
    assert.equal(sourceOffset(block.runs, 0), 0);
    assert.equal(sourceOffset(block.runs, 3), 3);
    assert.equal(sourceOffset(block.runs, 5), 7);
    assert.equal(sourceOffset(block.runs, 11), 17);
    assert.equal(sourceOffset(block.runs, 17), 23);
  });

  it('maps an entity to its document range, trimmed, and refuses one across a cut', () => {
    assert.deepEqual(documentSpan(block, 0, 10), { start: 12, end: 24 });
    assert.deepEqual(documentSpan(block, 4, 11), { start: 19, end: 24 }, 'trimmed of the spaces at both ends');
    assert.deepEqual(documentSpan(block, 15, 18), { start: 33, end: 36 });
    assert.equal(documentSpan(block, 5, 18), undefined);
    assert.equal(documentSpan(block, 10, 11), undefined, 'white space only');
  });

  it('slices and shifts without changing where characters come from', () => {
    const slice = sliceBlock(block, 5, 18);
    assert.equal(slice.text, 'Gates and Ada');
    assert.equal(slice.start, 19);
    assert.deepEqual(slice.cuts, [6]);
    assert.deepEqual(documentSpan(slice, 10, 13), documentSpan(block, 15, 18));
    assert.deepEqual(documentSpan(shiftBlock(block, 100), 0, 4), { start: 112, end: 116 });
  });
});
