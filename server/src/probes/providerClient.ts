// Sends one conversation turn to a provider: per-attempt timeout (for a stream: the longest
// silence between events), cancellation that aborts the HTTP request, a per-provider concurrency
// slot, and retries of retryable failures, never earlier than the provider allows (a 429's hint
// pauses the provider's slot for every request sharing it).
import { ProbeCancelledError, ProviderRequestError, safeMessage, type ProbeFacts } from './errors';
import type { ResolvedEndpoint } from './providers';
import {
  formatWait,
  hintBeyondCap,
  isQuotaExhausted,
  isRetryableStatus,
  retryDelayMs,
  retryHintMs,
  type RetryOptions,
} from './retryPolicy';
import { REAL_CLOCK, type Semaphore } from './semaphore';
import { BodyTooLargeError, isRedirect, moveUrlCredentials, readCapped, redirectTarget, send, serverSentEvents } from './transport';
import type { ChatMessage, SamplingParameters, WireErrorDetail, WireReply } from './wire/wireFormat';
import { displayUrl } from '../../../shared/redact';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface TurnRequest {
  endpoint: ResolvedEndpoint;
  model: string;
  system: string;
  messages: readonly ChatMessage[];
  timeoutMs: number;
  retry: RetryOptions;
  /** Aborted when the user cancels the probe. */
  signal: AbortSignal;
  semaphore: Semaphore;
  stream: boolean;
  /** The scenario's temperature and token limit (the provider's dialect is added here). */
  sampling: Omit<SamplingParameters, 'tokenLimitField'>;
  maxResponseBytes: number;
  /** Each piece of a streamed answer as it arrives. */
  onDelta?: (text: string) => void;
  /** A streamed attempt failed after some text arrived and will be retried: forget that text. */
  onStreamReset?: () => void;
  sleep?: Sleep;
  random?: () => number;
  onRetry?: (retry: { attempt: number; delayMs: number; error: ProviderRequestError }) => void;
}

export type TurnResult =
  | { ok: true; reply: WireReply; requestId: string | undefined; retries: number; streamed: boolean }
  | { ok: false; error: ProviderRequestError; requestId: string | undefined; retries: number };

export const realSleep: Sleep = (ms, signal) => REAL_CLOCK.sleep(ms, signal);

/** Runs the attempts of one turn; throws only ProbeCancelledError, other failures are results. */
export async function sendTurn(request: TurnRequest): Promise<TurnResult> {
  const sleep = request.sleep ?? realSleep;
  let retries = 0;
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(request);
    // A rate limit with a hint is the provider's word for every request of this key: all wait.
    if (!outcome.ok && outcome.error.status === 429 && outcome.error.retryAfterMs !== undefined)
      request.semaphore.pauseFor(Math.min(outcome.error.retryAfterMs, request.retry.maxDelayMs));
    if (outcome.ok || !outcome.error.retryable || retries >= request.retry.maxRetries) return { ...outcome, retries };
    if (hintBeyondCap(outcome.error.retryAfterMs, request.retry)) {
      return { ok: false, error: rateLimited(request, outcome.error), requestId: outcome.requestId, retries };
    }
    const delayMs = retryDelayMs(attempt, outcome.error.retryAfterMs, request.retry, request.random);
    request.onRetry?.({ attempt: attempt + 1, delayMs, error: outcome.error });
    // Text a failed stream already showed is not part of the answer the retry will give.
    request.onStreamReset?.();
    try {
      await sleep(delayMs, request.signal);
    } catch {
      throw new ProbeCancelledError();
    }
    retries++;
  }
}

/** The provider asks for a longer wait than Samsara makes: stop now rather than retry early and burn quota. */
function rateLimited(request: TurnRequest, cause: ProviderRequestError): ProviderRequestError {
  const wait = cause.retryAfterMs ?? 0;
  const at = new Date(Date.now() + wait).toISOString().replace(/\.\d+Z$/, 'Z');
  const message =
    `${request.endpoint.info.label}: rate limited: retry after ${formatWait(wait)} (at ${at}). ` +
    `Samsara waits at most ${formatWait(request.retry.maxDelayMs)} before a retry, so it stopped instead of retrying early. (${cause.message})`;
  return new ProviderRequestError('rate-limited', safeMessage(message, request.endpoint.secrets), false, cause.status, wait);
}

type Attempt = Omit<Extract<TurnResult, { ok: true }>, 'retries'> | Omit<Extract<TurnResult, { ok: false }>, 'retries'>;

async function attemptOnce(request: TurnRequest): Promise<Attempt> {
  const { endpoint, signal } = request;
  const built = endpoint.wire.buildRequest({
    baseUrl: endpoint.baseUrl,
    model: request.model,
    apiKey: endpoint.apiKey,
    system: request.system,
    messages: request.messages,
    stream: request.stream,
    streamUsage: endpoint.info.streamUsage,
    sampling: { ...request.sampling, tokenLimitField: endpoint.info.tokenLimitField },
  });
  const { request: http } = moveUrlCredentials(built, endpoint.baseUrl);
  let release: () => void;
  try {
    release = await request.semaphore.acquire(signal);
  } catch {
    throw new ProbeCancelledError();
  }
  const timer = new IdleTimer(request.timeoutMs);
  let streamedText = '';
  let requestId: string | undefined;
  try {
    const response = await send(http, AbortSignal.any([signal, timer.signal]));
    requestId = response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined;
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, error: redirectError(request, response, http.url), requestId };
    }
    if (!response.ok) {
      const text = await readCapped(response, request.maxResponseBytes);
      return { ok: false, error: httpError(request, response, text, http.url), requestId };
    }
    const isStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    if (request.stream && isStream) {
      timer.idle();
      const parser = endpoint.wire.streamParser();
      for await (const event of serverSentEvents(response, request.maxResponseBytes, () => timer.idle())) {
        const step = parseStep(request, () => parser.push(event));
        if (step.error) return { ok: false, error: streamError(request, step.error), requestId };
        if (step.delta) {
          streamedText += step.delta;
          request.onDelta?.(step.delta);
        }
      }
      const reply = parseStep(request, () => parser.finish()).reply;
      if (!reply) return { ok: false, error: malformed(request, 'the stream ended without an answer'), requestId };
      return { ok: true, reply, requestId: requestId ?? reply.bodyId, streamed: true };
    }
    const text = await readCapped(response, request.maxResponseBytes);
    return parseWhole(request, response.status, text, requestId);
  } catch (error) {
    if (signal.aborted) throw new ProbeCancelledError(streamedText);
    return { ok: false, error: transportError(request, error, timer.fired, timer.streaming), requestId };
  } finally {
    timer.stop();
    release();
  }
}

/** Runs a parser step; a malformed event becomes a result (not retried), anything else propagates. */
function parseStep<T extends { delta?: string; error?: WireErrorDetail } | WireReply>(
  request: TurnRequest,
  step: () => T,
): { delta?: string; error?: WireErrorDetail | ProviderRequestError; reply?: WireReply } {
  try {
    const value = step();
    return 'text' in value ? { reply: value } : value;
  } catch (error) {
    if (error instanceof ProviderRequestError) return { error: malformed(request, error.message) };
    throw error;
  }
}

function parseWhole(request: TurnRequest, status: number, text: string, requestId: string | undefined): Attempt {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: malformed(request, `answered HTTP ${status} with a body that is not JSON.`), requestId };
  }
  try {
    const reply = request.endpoint.wire.parseReply(json);
    return { ok: true, reply, requestId: requestId ?? reply.bodyId, streamed: false };
  } catch (error) {
    if (error instanceof ProviderRequestError) return { ok: false, error: malformed(request, error.message), requestId };
    throw error;
  }
}

function malformed(request: TurnRequest, detail: string): ProviderRequestError {
  return new ProviderRequestError('malformed', safeMessage(`${request.endpoint.info.label}: ${detail}`, request.endpoint.secrets), false);
}

function redirectError(request: TurnRequest, response: Response, from: string): ProviderRequestError {
  const { info, secrets } = request.endpoint;
  const message =
    `${info.label} answered HTTP ${response.status}, a redirect to ${redirectTarget(response, from)}. ` +
    `Samsara does not follow redirects (they could carry your key and text to another server).`;
  return new ProviderRequestError('redirect', safeMessage(message, secrets), false, response.status, undefined, {
    provider: info.id,
  });
}

function transportError(request: TurnRequest, error: unknown, timedOut: boolean, streaming: boolean): ProviderRequestError {
  const { info, secrets, baseUrl } = request.endpoint;
  if (error instanceof BodyTooLargeError) {
    const message = `${info.label} sent an answer larger than ${error.limit} bytes; Samsara stopped reading it.`;
    return new ProviderRequestError('too-large', message, false, undefined, undefined, {
      provider: info.id,
      facts: { limit: error.limit },
    });
  }
  if (timedOut) {
    const what = streaming ? 'stopped sending for' : 'did not answer within';
    const facts = { timeoutMs: request.timeoutMs };
    return new ProviderRequestError('timeout', `${info.label} ${what} ${request.timeoutMs} ms.`, true, undefined, undefined, {
      provider: info.id,
      facts,
    });
  }
  const reason = error instanceof Error ? describeNetworkError(error) : String(error);
  if (/\bbad port\b/i.test(reason)) {
    // fetch refuses some ports outright (9, 25, 6000…: the WHATWG "bad port" list); retrying changes nothing.
    const port = new URL(baseUrl).port;
    const message = `Could not reach ${info.label} at ${displayUrl(baseUrl)}: fetch never connects to port ${port} (a port browsers and Node block); use another port.`;
    return new ProviderRequestError('network', safeMessage(message, secrets), false, undefined, undefined, {
      provider: info.id,
      facts: { port },
    });
  }
  return new ProviderRequestError(
    'network',
    safeMessage(`Could not reach ${info.label} at ${displayUrl(baseUrl)}: ${reason}`, secrets),
    true,
  );
}

/** An error event inside a stream: retried when its type says the provider is busy, not when it says the request is wrong. */
function streamError(request: TurnRequest, detail: WireErrorDetail | ProviderRequestError): ProviderRequestError {
  if (detail instanceof ProviderRequestError) return detail;
  const busy = /overload|rate.?limit|api_error|internal|unavailable|server_error|timeout|exhausted/i.test(detail.type ?? '');
  const message = `${request.endpoint.info.label} reported an error mid-stream${detail.type ? ` (${detail.type})` : ''}: ${detail.message ?? 'no message'}`;
  return new ProviderRequestError('http', safeMessage(message, request.endpoint.secrets), busy, undefined, detail.retryAfterMs);
}

/** A body with no error a person can read (a traceback, a page, an event stream) is described, never shown. */
function unreadableBody(response: Response, text: string): string {
  const trimmed = text.trim();
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const status = response.statusText || 'no message';
  if (trimmed === '') return status;
  const oneShortLine = trimmed.length <= 200 && !/[\r\n]/.test(trimmed);
  const prose = !/^[<{[]|^(data|event|id):|Traceback|Exception|Error:\s*$/i.test(trimmed);
  if (oneShortLine && prose && (type === '' || type === 'text/plain')) return trimmed;
  return `${status} (a ${type || 'body'} of ${Buffer.byteLength(text)} bytes with no readable error)`;
}

/** The version path each wire format adds to a base URL that has no path ("…/v1"). */
const VERSION_PATH: Readonly<Record<string, string>> = {
  'openai-chat': 'v1',
  'anthropic-messages': 'v1',
  'gemini-generate-content': 'v1beta',
};

/** A 404 from a base URL with a path but no version in it: the URL asked, and the base URL that likely works. */
function missingVersion(request: TurnRequest, url: string): { note: string; suggestedBaseUrl: string } | undefined {
  const base = new URL(request.endpoint.baseUrl);
  const path = base.pathname.replace(/\/+$/, '');
  const version = VERSION_PATH[request.endpoint.wire.name];
  if (path === '' || !version || /\/v\d[\w.-]*(\/|$)/.test(path)) return undefined;
  const suggestedBaseUrl = displayUrl(`${base.origin}${path}/${version}`);
  const note = ` (${displayUrl(url.split('?')[0] ?? url)}): the base URL has no version path; the API is usually under ${suggestedBaseUrl}.`;
  return { note, suggestedBaseUrl };
}

function httpError(request: TurnRequest, response: Response, text: string, url: string): ProviderRequestError {
  const { info, wire, secrets } = request.endpoint;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const detail = wire.parseError(body);
  const hint = retryHintMs((name) => response.headers.get(name)) ?? detail.retryAfterMs;
  const status = response.status;
  const quota = status === 429 && isQuotaExhausted(detail, hint !== undefined);
  const retryable = isRetryableStatus(status, detail, hint !== undefined);
  // The raw body only when no message could be read from it (never JSON beside a message).
  const said = detail.message ?? unreadableBody(response, text);
  let message = `${info.label} returned HTTP ${status}${detail.type ? ` (${detail.type})` : ''}: ${safeMessage(said, secrets)}`;
  if (quota) message += ' The quota or credit of this account is exhausted; waiting will not help.';
  const versionless = status === 404 ? missingVersion(request, url) : undefined;
  if (versionless) message = message.replace(/\.?$/, versionless.note);
  const facts: ProbeFacts = versionless ? { suggestedBaseUrl: versionless.suggestedBaseUrl } : {};
  return new ProviderRequestError('http', safeMessage(message, secrets), retryable, status, hint, { provider: info.id, facts });
}

/** undici hides the useful part ("ECONNREFUSED") in `cause`. */
function describeNetworkError(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}

/**
 * A timeout that can be pushed back: a whole request must finish within `ms`; once a stream has
 * started, `idle()` restarts the clock at every event, so only silence times out.
 */
class IdleTimer {
  private readonly controller = new AbortController();
  private handle: NodeJS.Timeout;
  fired = false;
  /** True once a stream started: from then on only silence times out. */
  streaming = false;

  constructor(private readonly ms: number) {
    this.handle = this.arm();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  idle(): void {
    this.streaming = true;
    clearTimeout(this.handle);
    this.handle = this.arm();
  }

  stop(): void {
    clearTimeout(this.handle);
  }

  private arm(): NodeJS.Timeout {
    return setTimeout(() => {
      this.fired = true;
      this.controller.abort(new Error('timeout'));
    }, this.ms);
  }
}
