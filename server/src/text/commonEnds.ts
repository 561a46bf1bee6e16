// How much two versions of a document share at their start and at their end: where an edit is.
// A document is re-read after every keystroke, and comparing 300 KB character by character cost
// ~1.7 ms per edit (measured); equal strings compare as memory, so stretches are compared whole
// first, and only the stretch holding the first difference character by character.

/** Characters compared at once: the difference is then looked for in at most this many. */
const STRETCH = 2048;

/** Length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let at = 0;
  while (at + STRETCH <= shorter && a.slice(at, at + STRETCH) === b.slice(at, at + STRETCH)) at += STRETCH;
  while (at < shorter && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** Length of the longest common suffix of `a` and `b` that leaves their first `skip` characters out. */
export function commonSuffix(a: string, b: string, skip = 0): number {
  const most = Math.min(a.length, b.length) - skip;
  let size = 0;
  while (
    size + STRETCH <= most &&
    a.slice(a.length - size - STRETCH, a.length - size) === b.slice(b.length - size - STRETCH, b.length - size)
  )
    size += STRETCH;
  while (size < most && a.charCodeAt(a.length - 1 - size) === b.charCodeAt(b.length - 1 - size)) size++;
  return size;
}
