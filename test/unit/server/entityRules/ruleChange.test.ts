// The rule that decides which cached blocks survive a change of the entity rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleChange } from '../../../../server/src/entityRules/ruleChange';
import type { EntityRules } from '../../../../server/src/protocol/sidecar';

const ENGINE = 'Babbage asked for £17,000 to build his Difference Engine.';
const ELSEWHERE = 'Ada Lovelace met Charles Babbage in London.';
const base: EntityRules = { known: [{ label: 'PERSON', text: 'Ada Lovelace' }] };

describe('which blocks a change of the entity rules affects', () => {
  it('a known text added reaches only the blocks that hold it, whatever their spacing and case', () => {
    const change = ruleChange(base, { known: [...base.known, { label: 'PRODUCT', text: 'Difference Engine' }] });
    assert.equal(change.affects(ENGINE, []), true);
    assert.equal(change.affects(ELSEWHERE, []), false);
    assert.equal(change.affects('the difference\n  ENGINE', []), true, 'a name broken across lines, in capitals');
    assert.equal(change.affects('What a difference an engine makes', []), false);
  });

  it("counts the tokenizer's splits: the whitespace-free texts are compared", () => {
    // "cannot" is two tokens (can, not), so the rule also matches "can not".
    const change = ruleChange(undefined, { known: [{ label: 'X', text: 'cannot' }] });
    assert.equal(change.affects('You can not pass.', []), true);
  });

  it('a removed or relabelled entry affects its blocks; unchanged rules affect nothing', () => {
    const with2 = { known: [...base.known, { label: 'PRODUCT', text: 'Difference Engine' }] };
    assert.equal(ruleChange(with2, base).affects(ENGINE, []), true);
    assert.equal(ruleChange(with2, { known: [base.known[0], { label: 'ORG', text: 'Difference Engine' }] }).affects(ELSEWHERE, []), false);
    assert.equal(ruleChange(with2, with2).nothing, true);
  });

  it('a pattern reaches the blocks holding a literal of a required token; one without literals, every block', () => {
    const gandalf = ruleChange(undefined, {
      known: [{ label: 'PERSON', pattern: [{ LOWER: 'the', OP: '?' }, { LOWER: { IN: ['gandalf', 'mithrandir'] } }, { IS_TITLE: true }] }],
    });
    assert.equal(gandalf.affects('Then Mithrandir Grey came.', []), true);
    assert.equal(gandalf.affects('The grey pilgrim came.', []), false, '"the" is optional: not a literal every match holds');
    const anywhere = ruleChange(undefined, { known: [{ label: 'PERSON', pattern: [{ IS_TITLE: true, OP: '+' }] }] });
    assert.equal(anywhere.everything, true);
    assert.equal(anywhere.affects(ELSEWHERE, []), true);
    const regex = ruleChange(undefined, { known: [{ label: 'X', pattern: [{ TEXT: { REGEX: '^Frodo' } }] }] });
    assert.equal(regex.everything, true);
  });

  it('ignored texts reach their blocks; a label newly ignored, the blocks with that label; one no longer ignored, all', () => {
    const moon = ruleChange(base, { ...base, ignore: { texts: ['Moon'] } });
    assert.equal(moon.affects('They landed on the Moon.', []), true);
    assert.equal(moon.affects(ELSEWHERE, []), false);
    const cardinal = ruleChange(base, { ...base, ignore: { labels: ['CARDINAL'] } });
    assert.equal(cardinal.affects('Three ships.', [{ label: 'CARDINAL', text: 'Three', start: 0, end: 5 }]), true);
    assert.equal(cardinal.affects(ELSEWHERE, [{ label: 'PERSON', text: 'Ada Lovelace', start: 0, end: 12 }]), false);
    assert.equal(cardinal.affects(ELSEWHERE, undefined), true, 'results not known yet: affected');
    assert.equal(ruleChange({ ...base, ignore: { labels: ['CARDINAL'] } }, base).everything, true);
  });

  it('entries that stay but change their order count as changed (overlaps may resolve otherwise)', () => {
    const a = { label: 'PERSON', text: 'Charles Babbage' };
    const b = { label: 'ORG', text: 'Babbage' };
    const change = ruleChange({ known: [a, b] }, { known: [b, a] });
    assert.equal(change.affects(ELSEWHERE, []), true);
    assert.equal(change.affects('Paris in spring.', []), false);
  });
});
