// Which provider failures are worth retrying, and how long to wait before the next attempt.
// Pure functions: the clock and the random source are parameters so tests pin them down.
import type { WireErrorDetail } from './wire/wireFormat';

export interface RetryOptions {
  maxRetries: number;
  /** First backoff step; attempt n waits up to baseDelayMs * 2^n (full jitter). */
  baseDelayMs: number;
  /**
   * The longest Samsara waits before a retry. A provider that asks for longer (Retry-After) is
   * not retried early, which would only burn quota: the turn stops as "rate limited".
   */
  maxDelayMs: number;
  /** The shortest wait, even when a provider says "Retry-After: 0": no hot loop. */
  minDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000, minDelayMs: 100 };

const QUOTA_TYPES = new Set(['insufficient_quota', 'billing_hard_limit_reached', 'billing_not_active', 'credit_balance_too_low']);
const QUOTA_TEXT =
  /insufficient[_ ]quota|quota (?:has been |is )?exhausted|exceeded your current quota|credit balance|out of credits|billing/i;

/**
 * A 429 that means "your quota or credit is spent" will not heal by waiting. A body that says
 * quota but also carries a retry hint (Gemini's per-minute limits do) is an ordinary rate limit.
 */
export function isQuotaExhausted(detail: WireErrorDetail, hasRetryHint: boolean): boolean {
  if (detail.type && QUOTA_TYPES.has(detail.type)) return true;
  return !hasRetryHint && QUOTA_TEXT.test(`${detail.type ?? ''} ${detail.message ?? ''}`);
}

export function isRetryableStatus(status: number, detail: WireErrorDetail, hasRetryHint: boolean): boolean {
  if (status === 429) return !isQuotaExhausted(detail, hasRetryHint);
  if (status === 408 || status === 529 || status >= 500) return true;
  // 400, 401, 403, 404, 413, 422 and any other 4xx: the same request will fail the same way.
  return false;
}

type HeaderGetter = (name: string) => string | null | undefined;

/** Milliseconds until the provider says a retry may succeed, or undefined if it does not say. */
export function retryHintMs(get: HeaderGetter, now: number = Date.now()): number | undefined {
  const ms = numberOf(get('retry-after-ms'));
  if (ms !== undefined) return Math.max(0, ms);
  const after = get('retry-after');
  if (after) {
    const seconds = numberOf(after);
    if (seconds !== undefined) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return resetHeaderMs(get, now);
}

// Reset headers per limit kind; when one limit reports 0 remaining, its reset is the one that matters.
const RESET_HEADERS: ReadonlyArray<[reset: string, remaining: string]> = [
  ['x-ratelimit-reset-requests', 'x-ratelimit-remaining-requests'],
  ['x-ratelimit-reset-tokens', 'x-ratelimit-remaining-tokens'],
  ['anthropic-ratelimit-requests-reset', 'anthropic-ratelimit-requests-remaining'],
  ['anthropic-ratelimit-tokens-reset', 'anthropic-ratelimit-tokens-remaining'],
  ['anthropic-ratelimit-input-tokens-reset', 'anthropic-ratelimit-input-tokens-remaining'],
  ['anthropic-ratelimit-output-tokens-reset', 'anthropic-ratelimit-output-tokens-remaining'],
];

function resetHeaderMs(get: HeaderGetter, now: number): number | undefined {
  const exhausted: number[] = [];
  const other: number[] = [];
  for (const [resetName, remainingName] of RESET_HEADERS) {
    const value = get(resetName);
    if (!value) continue;
    const ms = resetValueMs(value, now);
    if (ms === undefined) continue;
    (numberOf(get(remainingName)) === 0 ? exhausted : other).push(ms);
  }
  if (exhausted.length > 0) return Math.max(...exhausted);
  if (other.length > 0) return Math.min(...other);
  return undefined;
}

/** "1s", "6m0s", "20ms", "1h2m3.5s" (OpenAI-style), plain seconds, or an RFC 3339 time (Anthropic). */
export function resetValueMs(value: string, now: number): number | undefined {
  const text = value.trim();
  const plain = numberOf(text);
  if (plain !== undefined) return Math.max(0, plain * 1000);
  if (/^(?:\d+(?:\.\d+)?(?:h|ms|m|s))+$/.test(text)) {
    let total = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
      total += Number(amount) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[unit as 'h' | 'm' | 's' | 'ms'];
    }
    return Math.round(total);
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function numberOf(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** True when the provider asks for a longer wait than Samsara will make: stop, do not retry early. */
export function hintBeyondCap(hintMs: number | undefined, options: RetryOptions): boolean {
  return hintMs !== undefined && hintMs > options.maxDelayMs;
}

/**
 * Delay before retry number `attempt` (0-based). A provider hint is obeyed (never shortened:
 * hintBeyondCap stops the turn first), with a floor; otherwise exponential backoff with full
 * jitter, so many clients hitting one limit spread out.
 */
export function retryDelayMs(
  attempt: number,
  hintMs: number | undefined,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  if (hintMs !== undefined) return Math.max(options.minDelayMs, hintMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** "45 s", "2 min 5 s", "1 h 3 min": how long a rate limit lasts, for people. */
export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}
