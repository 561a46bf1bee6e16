// Removes secrets from text bound for people or disk: logs, traces, error messages, transcripts.
// One function for the server, the client's log channel and the command line, so the rule cannot
// drift between the front doors. Providers echo keys in error bodies, sometimes cut or masked
// ("sk-abc…****wxyz"), and JSON traces escape them, so matching the whole key is not enough: any
// run of text made of 8-character slices of a key goes too — unless that run reads as an ordinary
// word, which a key holding that word ("key-for-anthropic-…") would otherwise mangle everywhere.

export const REDACTED = '[redacted]';

/** Keys shorter than this are matched whole only; slices of them would match ordinary words. */
const SLICE = 8;
/** Shorter "keys" are placeholders in tests and local setups; replacing them would mangle text. */
const MIN_SECRET = 4;

/** The forms a secret takes in text: as is, and escaped inside a JSON string (traces are JSON). */
function variants(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  return escaped === secret ? [secret] : [secret, escaped];
}

/** Usable secrets: trimmed, long enough to be one, without duplicates. */
export function secretList(secrets: Iterable<string | undefined>): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    const trimmed = secret?.trim();
    if (trimmed && trimmed.length >= MIN_SECRET) for (const v of variants(trimmed)) out.add(v);
  }
  return [...out];
}

/**
 * Replaces each secret, and any stretch of text covered by 8-character slices of one, with
 * [redacted]; then the userinfo of every URL (http://user:pass@host → http://[redacted]@host).
 */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  const list = secretList(secrets);
  let out = text;
  for (const secret of list) out = out.split(secret).join(REDACTED);
  const windows = new Set<string>();
  for (const secret of list) for (let i = 0; i + SLICE <= secret.length; i++) windows.add(secret.slice(i, i + SLICE));
  if (windows.size > 0 && out.length >= SLICE) out = redactSlices(out, windows);
  return redactUrlCredentials(out);
}

function redactSlices(text: string, windows: ReadonlySet<string>): string {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i + SLICE <= text.length; i++) {
    if (!windows.has(text.slice(i, i + SLICE))) continue;
    const last = ranges.at(-1);
    if (last && i <= last[1]) last[1] = i + SLICE;
    else ranges.push([i, i + SLICE]);
  }
  const keyLike = ranges.filter(([start, end]) => !isOrdinaryWord(text.slice(start, end)));
  if (keyLike.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of keyLike) {
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** Longer than this, even a run of letters is taken for part of a key. */
const MAX_WORD = 24;

/**
 * A stretch that slices of a key cover but that reads as a word ("anthropic" of a test key
 * "key-for-anthropic-…"): letters only, in one case (or capitalised), once the punctuation at its
 * edges is set aside. Keys are random mixes of cases and digits, so a real piece of one is rarely
 * that; a key echoed whole is removed before slices are looked at.
 */
function isOrdinaryWord(stretch: string): boolean {
  const core = stretch.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return core.length <= MAX_WORD && /^(?:\p{Lu}?\p{Ll}+|\p{Lu}+)$/u.test(core);
}

/** http://user:pass@host/ → http://[redacted]@host/ anywhere in text. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`);
}

/** A URL as Samsara prints or stores it: without user or password, otherwise as written. */
export function displayUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i, '$1');
}

/** Every string inside a JSON-like value, redacted (a transcript before it is saved or returned). */
export function redactDeep<T>(value: T, secrets: Iterable<string | undefined>): T {
  const list = secretList(secrets);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactText(node, list);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    }
    return node;
  };
  return walk(value) as T;
}
