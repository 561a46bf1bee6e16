// URLs and e-mail addresses in prose: not language, and spaCy tags parts of them (a host as an
// ORG, a path segment as a PERSON), so the extraction leaves them out of plain text and Markdown.

// A scheme with `//`, `www.`, a scheme without `//` that names a resource (mailto:, tel:, ...),
// or an address. Ends at white space or at characters that cannot be part of a bare link. The
// scheme and the local part of an address are bounded, as in RFC 3986 practice and RFC 5321: an
// unbounded prefix would make a long word without a link cost time quadratic in its length.
const LINK = /\b(?:[a-z][a-z\d+.-]{0,31}:\/\/|www\.|(?:mailto|tel|xmpp|urn|news):)[^\s<>"'`]+|[\w.+-]{1,64}@[a-z\d-]+(?:\.[a-z\d-]+)+/gi;
// Punctuation that ends a sentence after a link rather than belonging to it.
const TRAILING = new Set(['.', ',', ':', ';', '!', '?', '*', '_', '~', "'", '"']);

/** [start, end) pairs of the links in `text`, in order. */
export function findLinks(text: string): number[] {
  // Most prose holds none: skip the expression when no link can start.
  if (text.indexOf(':') < 0 && text.indexOf('@') < 0 && text.indexOf('www.') < 0) return [];
  const found: number[] = [];
  LINK.lastIndex = 0;
  for (let match = LINK.exec(text); match !== null; match = LINK.exec(text)) {
    const end = match.index + trimmedLength(match[0]);
    if (end > match.index) found.push(match.index, end);
  }
  return found;
}

function trimmedLength(link: string): number {
  // A closing bracket belongs to the link only when the link opened one: (see https://x.org/a_(b)).
  let parens = count(link, '(') - count(link, ')');
  let brackets = count(link, '[') - count(link, ']');
  let end = link.length;
  while (end > 0) {
    const last = link[end - 1];
    if (TRAILING.has(last)) end--;
    else if (last === ')' && parens < 0) {
      parens++;
      end--;
    } else if (last === ']' && brackets < 0) {
      brackets++;
      end--;
    } else break;
  }
  return end;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}
