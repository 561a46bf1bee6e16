// Sends one conversation turn to a provider: per-attempt timeout, cancellation that aborts the
// HTTP request, a per-provider concurrency slot, and retries of retryable failures.
import { ProbeCancelledError, ProviderRequestError, redactSecret } from './errors';
import type { ResolvedEndpoint } from './providers';
import { isQuotaExhausted, isRetryableStatus, retryDelayMs, retryHintMs, type RetryOptions } from './retryPolicy';
import type { Semaphore } from './semaphore';
import type { ChatMessage, WireReply } from './wire/wireFormat';

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
  sleep?: Sleep;
  random?: () => number;
  onRetry?: (retry: { attempt: number; delayMs: number; error: ProviderRequestError }) => void;
}

export type TurnResult =
  | { ok: true; reply: WireReply; requestId: string | undefined; retries: number }
  | { ok: false; error: ProviderRequestError; requestId: string | undefined; retries: number };

const MAX_MESSAGE_CHARS = 500;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Runs the attempts of one turn; throws only ProbeCancelledError, other failures are results. */
export async function sendTurn(request: TurnRequest): Promise<TurnResult> {
  const sleep = request.sleep ?? realSleep;
  let retries = 0;
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(request);
    if (outcome.ok || !outcome.error.retryable || retries >= request.retry.maxRetries) return { ...outcome, retries };
    const delayMs = retryDelayMs(attempt, outcome.error.retryAfterMs, request.retry, request.random);
    request.onRetry?.({ attempt: attempt + 1, delayMs, error: outcome.error });
    try {
      await sleep(delayMs, request.signal);
    } catch {
      throw new ProbeCancelledError();
    }
    retries++;
  }
}

type Attempt = Omit<Extract<TurnResult, { ok: true }>, 'retries'> | Omit<Extract<TurnResult, { ok: false }>, 'retries'>;

async function attemptOnce(request: TurnRequest): Promise<Attempt> {
  const { endpoint, signal } = request;
  const { wire } = endpoint;
  const http = wire.buildRequest({
    baseUrl: endpoint.baseUrl,
    model: request.model,
    apiKey: endpoint.apiKey,
    system: request.system,
    messages: request.messages,
  });
  let release: () => void;
  try {
    release = await request.semaphore.acquire(signal);
  } catch {
    throw new ProbeCancelledError();
  }
  const timeout = AbortSignal.timeout(request.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await fetch(http.url, {
      method: 'POST',
      headers: http.headers,
      body: http.body,
      signal: AbortSignal.any([signal, timeout]),
    });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw new ProbeCancelledError();
    const label = endpoint.info.label;
    if (timeout.aborted) {
      return fail(
        new ProviderRequestError('timeout', `${label} did not answer within ${request.timeoutMs} ms (samsara.probes.timeoutMs).`, true),
      );
    }
    const reason = error instanceof Error ? describeNetworkError(error) : String(error);
    return fail(
      new ProviderRequestError(
        'network',
        redactSecret(`Could not reach ${label} at ${endpoint.baseUrl}: ${reason}`, endpoint.apiKey),
        true,
      ),
    );
  } finally {
    release();
  }
  const requestId = response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined;
  if (!response.ok) return { ok: false, error: httpError(request, response, text), requestId };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: new ProviderRequestError(
        'malformed',
        `${endpoint.info.label} answered HTTP ${response.status} with a body that is not JSON.`,
        false,
      ),
      requestId,
    };
  }
  try {
    const reply = wire.parseReply(json);
    return { ok: true, reply, requestId: requestId ?? reply.bodyId };
  } catch (error) {
    if (error instanceof ProviderRequestError) {
      const message = redactSecret(`${endpoint.info.label}: ${error.message}`, endpoint.apiKey);
      return { ok: false, error: new ProviderRequestError('malformed', message, false), requestId };
    }
    throw error;
  }
}

function fail(error: ProviderRequestError): Attempt {
  return { ok: false, error, requestId: undefined };
}

function httpError(request: TurnRequest, response: Response, text: string): ProviderRequestError {
  const { info, wire, apiKey } = request.endpoint;
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
  const said = detail.message ?? (text.trim() === '' ? response.statusText : text.trim());
  let message = `${info.label} returned HTTP ${status}${detail.type ? ` (${detail.type})` : ''}: ${truncate(said)}`;
  if (status === 401 || status === 403) message += ` Check the ${info.id} API key (Samsara: Set API Key…).`;
  if (quota) message += ' The quota or credit of this account is exhausted; waiting will not help.';
  return new ProviderRequestError('http', redactSecret(message, apiKey), retryable, status, hint);
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
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
