// What a provider lists for a key: OpenAI-compatible and Anthropic GET /v1/models, Gemini
// models.list, Ollama GET /api/tags (its own endpoint: it lists local models by name:tag).
// Cached per provider, base URL and key (a hash of it, never the key), for ten minutes, so the
// model picker opens at once after the first time. The doctor uses the same call to check that a
// provider is reachable and the key accepted.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { safeMessage } from './errors';
import type { ResolvedEndpoint } from './providers';
import { BodyTooLargeError, isRedirect, moveUrlCredentials, readCapped, send } from './transport';
import type { WireRequest } from './wire/wireFormat';

const CACHE_MS = 10 * 60_000;
const MAX_LIST_BYTES = 4 * 1024 * 1024;

export type ListOutcome =
  | { ok: true; models: string[]; status: number; ms: number }
  | { ok: false; problem: string; status?: number; ms: number };

const ollamaTagsSchema = z.object({ models: z.array(z.object({ name: z.string() })) });

/** Ollama's own API lives beside its OpenAI-compatible /v1: http://host:11434/v1 → /api/tags. */
function ollamaTagsRequest(endpoint: ResolvedEndpoint): WireRequest {
  const url = new URL(endpoint.baseUrl);
  const root = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return { method: 'GET', url: `${url.protocol}//${url.host}${root}/api/tags`, headers: {} };
}

/** Asks the provider once (no retries: a picker or a report must not hang on a slow provider). */
export async function listModels(endpoint: ResolvedEndpoint, timeoutMs: number): Promise<ListOutcome> {
  const ollama = endpoint.info.id === 'ollama';
  const built = ollama ? ollamaTagsRequest(endpoint) : endpoint.wire.modelsRequest(endpoint.baseUrl, endpoint.apiKey);
  const { request, secrets } = moveUrlCredentials(built, endpoint.baseUrl);
  const allSecrets = [...endpoint.secrets, ...secrets];
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const response = await send(request, AbortSignal.timeout(timeoutMs));
    if (isRedirect(response))
      return { ok: false, problem: `redirected (HTTP ${response.status}); not followed`, status: response.status, ms: elapsed() };
    const text = await readCapped(response, MAX_LIST_BYTES);
    if (!response.ok) {
      let said = text.trim();
      try {
        said = endpoint.wire.parseError(JSON.parse(text)).message ?? said;
      } catch {
        // not JSON: the text itself
      }
      return {
        ok: false,
        problem: safeMessage(`HTTP ${response.status}: ${said || response.statusText}`, allSecrets),
        status: response.status,
        ms: elapsed(),
      };
    }
    const json: unknown = JSON.parse(text);
    const models = ollama ? ollamaTagsSchema.parse(json).models.map((m) => m.name) : endpoint.wire.parseModels(json);
    return { ok: true, models: [...new Set(models)].sort(), status: response.status, ms: elapsed() };
  } catch (error) {
    const reason =
      error instanceof BodyTooLargeError
        ? 'the list is too large'
        : error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : error instanceof Error
            ? ((error.cause as Error | undefined)?.message ?? error.message)
            : String(error);
    return { ok: false, problem: safeMessage(reason, allSecrets), ms: elapsed() };
  }
}

interface Entry {
  at: number;
  models: string[];
}

/** Successful lists, per provider + base URL + key hash. */
export class ModelListCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(
    endpoint: ResolvedEndpoint,
    timeoutMs: number,
    refresh = false,
  ): Promise<{ models: string[]; cached: boolean; problem?: string }> {
    const key = cacheKey(endpoint);
    const hit = this.entries.get(key);
    if (!refresh && hit && this.now() - hit.at < CACHE_MS) return { models: hit.models, cached: true };
    const outcome = await listModels(endpoint, timeoutMs);
    if (!outcome.ok) return { models: [], cached: false, problem: outcome.problem };
    this.entries.set(key, { at: this.now(), models: outcome.models });
    return { models: outcome.models, cached: false };
  }
}

function cacheKey(endpoint: ResolvedEndpoint): string {
  const keyHash = endpoint.apiKey ? createHash('sha256').update(endpoint.apiKey).digest('hex').slice(0, 16) : '-';
  return `${endpoint.info.id} ${endpoint.baseUrl} ${keyHash}`;
}
