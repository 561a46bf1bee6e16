// Assertions shared by the text-extraction tests: every prose character maps back to the same
// character of the document, a word is kept at its exact document offset, and a region of the
// document yields no prose.
import assert from 'node:assert/strict';
import { documentSpan, isSpace, sourceOffset, type ProseBlock } from '../../../../server/src/text/proseBlock';

/** Each non-space prose character is the document character its offset maps to. */
export function assertExactMaps(document: string, blocks: readonly ProseBlock[]): void {
  for (const block of blocks) {
    for (let i = 0; i < block.text.length; i++) {
      if (isSpace(block.text.charCodeAt(i))) continue;
      const at = block.start + sourceOffset(block.runs, i);
      assert.equal(document[at], block.text[i], `prose ${JSON.stringify(block.text)}[${i}] maps to document offset ${at}`);
    }
  }
}

/** `word` is in the prose, and maps to the document range of its `occurrence`-th appearance. */
export function assertKept(document: string, blocks: readonly ProseBlock[], word: string, occurrence = 0): void {
  let expected = -1;
  for (let n = 0; n <= occurrence; n++) expected = document.indexOf(word, expected + 1);
  assert.ok(expected >= 0, `${word} is not in the document`);
  const spans = blocks.flatMap((block) => {
    const found = [];
    for (let i = block.text.indexOf(word); i >= 0; i = block.text.indexOf(word, i + 1)) found.push(documentSpan(block, i, i + word.length));
    return found;
  });
  assert.ok(
    spans.some((span) => span?.start === expected && span.end === expected + word.length),
    `${JSON.stringify(word)} at ${expected} not kept exactly: ${JSON.stringify(spans)} in ${JSON.stringify(blocks.map((b) => b.text))}`,
  );
}

/** No prose character comes from document[from, to). */
export function assertSkipped(document: string, blocks: readonly ProseBlock[], region: string): void {
  const from = document.indexOf(region);
  assert.ok(from >= 0, `${region} is not in the document`);
  const to = from + region.length;
  for (const block of blocks) {
    for (let i = 0; i < block.text.length; i++) {
      if (isSpace(block.text.charCodeAt(i))) continue;
      const at = block.start + sourceOffset(block.runs, i);
      assert.ok(
        at < from || at >= to,
        `prose ${JSON.stringify(block.text)} takes ${JSON.stringify(document[at])} from inside ${JSON.stringify(region)}`,
      );
    }
  }
}

export function texts(blocks: readonly ProseBlock[]): string[] {
  return blocks.map((block) => block.text);
}

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same run. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
