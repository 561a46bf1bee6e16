// HTTP for the probe engine: one request, no redirects, bounded bodies, server-sent events.
//  - Redirects are never followed: fetch keeps x-api-key / x-goog-api-key (and a 307's body,
//    the user's text) across origins, so a redirect is reported with its target instead.
//  - A body is read as a stream and abandoned past `maxBytes`: a runaway reply cannot fill
//    memory, and the failure is permanent (retrying would download it again).
//  - User and password in a base URL are taken out of the URL (fetch refuses them, and URLs get
//    printed) and sent as Basic authorization, unless the format already sends an authorization.
import type { StreamEvent, WireRequest } from './wire/wireFormat';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

/**
 * The request with the user and password of `baseUrl` as Basic authorization (joinApiUrl never
 * puts them into the request URL); `secrets` lists what to redact.
 */
export function moveUrlCredentials(request: WireRequest, baseUrl: string): { request: WireRequest; secrets: string[] } {
  const base = new URL(baseUrl);
  const url = new URL(request.url);
  url.username = '';
  url.password = '';
  if (base.username === '' && base.password === '') return { request: { ...request, url: url.toString() }, secrets: [] };
  const user = decodeURIComponent(base.username);
  const password = decodeURIComponent(base.password);
  const headers = { ...request.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  return { request: { ...request, url: url.toString(), headers }, secrets: [password, `${user}:${password}`] };
}

export async function send(request: WireRequest, signal: AbortSignal): Promise<Response> {
  return fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal,
  });
}

export function isRedirect(response: Response): boolean {
  return response.status >= 300 && response.status < 400 && response.status !== 304;
}

/** Where a redirect points, as printable text: origin and path only (no query, no userinfo). */
export function redirectTarget(response: Response, from: string): string {
  const location = response.headers.get('location');
  if (!location) return '(no Location header)';
  try {
    const url = new URL(location, from);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(an invalid Location header)';
  }
}

/**
 * Reads the body as UTF-8, at most `maxBytes` of it; `onChunk` is called per chunk (the streaming
 * idle timer). Throws BodyTooLargeError past the limit, having cancelled the download.
 */
export async function readCapped(response: Response, maxBytes: number, onChunk?: () => void): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  let text = '';
  for await (const chunk of decodedChunks(response, maxBytes, onChunk)) text += chunk;
  return text;
}

async function* decodedChunks(response: Response, maxBytes: number, onChunk?: () => void): AsyncGenerator<string> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let total = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(maxBytes);
      }
      onChunk?.();
      yield decoder.decode(value, { stream: true });
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    reader.releaseLock();
  }
}

/**
 * Server-sent events of a response (the WHATWG event-stream format: `event:` and `data:` fields,
 * events separated by a blank line, comments starting with ':'). The same byte cap applies to
 * the whole stream.
 */
export async function* serverSentEvents(response: Response, maxBytes: number, onChunk?: () => void): AsyncGenerator<StreamEvent> {
  let buffer = '';
  let event: string | undefined;
  let data: string[] = [];
  const flush = (): StreamEvent | undefined => {
    const out = data.length > 0 ? { event, data: data.join('\n') } : undefined;
    event = undefined;
    data = [];
    return out;
  };
  for await (const chunk of decodedChunks(response, maxBytes, onChunk)) {
    buffer += chunk;
    while (true) {
      const end = /\r\n|\r|\n/.exec(buffer);
      // A lone '\r' at the end may be the first half of '\r\n': wait for the next chunk.
      if (!end || (end[0] === '\r' && end.index === buffer.length - 1)) break;
      const line = buffer.slice(0, end.index);
      buffer = buffer.slice(end.index + end[0].length);
      if (line === '') {
        const done = flush();
        if (done) yield done;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
  if (buffer !== '' && buffer.startsWith('data:')) data.push(buffer.slice(5).replace(/^ /, ''));
  const last = flush();
  if (last) yield last;
}
