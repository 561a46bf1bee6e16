// Real English prose for tests and the bench: the Jargon File 4.4.7 (public domain) from Debian's
// jargon-text package, which scripts/test-integration.sh and bench/sidecar.sh install. Tests never
// download: without the file they fail, naming how to get it.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const JARGON_FILE = '/usr/share/doc/jargon-text/jargon.txt.gz';

let cached: string | undefined;

/** The whole Jargon File (about 1.6 million characters, 41,000 lines). */
export function jargonText(): string {
  if (!existsSync(JARGON_FILE)) {
    throw new Error(`${JARGON_FILE} is missing: install Debian's jargon-text (scripts/test-integration.sh does)`);
  }
  cached ??= gunzipSync(readFileSync(JARGON_FILE)).toString('utf8');
  return cached;
}

/**
 * About `chars` characters of the Jargon File's glossary (the prose entries, after the table of
 * contents), from `skip` characters into it; both ends at a paragraph boundary.
 */
export function jargonProse(chars: number, skip = 0): string {
  const text = jargonText();
  const glossary = text.indexOf('\n   :(TM):') + 1;
  const start = skip === 0 ? glossary : text.indexOf('\n\n', glossary + skip) + 2;
  const cut = text.indexOf('\n\n', start + chars);
  return text.slice(start, cut === -1 ? text.length : cut + 1);
}
