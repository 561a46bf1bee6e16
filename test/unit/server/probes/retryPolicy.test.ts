import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isQuotaExhausted,
  isRetryableStatus,
  resetValueMs,
  retryDelayMs,
  hintBeyondCap,
  formatWait,
  retryHintMs,
  type RetryOptions,
} from '../../../../server/src/probes/retryPolicy';

const headers = (h: Record<string, string>) => (name: string) => h[name];
const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('error classification', () => {
  it('retries 408, 429, 500, 502, 503, 529', () => {
    for (const status of [408, 429, 500, 502, 503, 529]) assert.equal(isRetryableStatus(status, {}, false), true, String(status));
  });
  it('does not retry 400, 401, 403, 404, 413, 422', () => {
    for (const status of [400, 401, 403, 404, 413, 422]) assert.equal(isRetryableStatus(status, {}, false), false, String(status));
  });
  it('treats a 429 whose body says the quota is spent as permanent', () => {
    assert.equal(isRetryableStatus(429, { type: 'insufficient_quota', message: 'You exceeded your current quota' }, false), false);
    assert.equal(isRetryableStatus(429, { message: 'Your credit balance is too low to access the API' }, false), false);
    assert.equal(
      isRetryableStatus(429, { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' }, false),
      true,
    );
  });
  it('a quota-worded 429 with a retry hint (Gemini per-minute limits) stays retryable, insufficient_quota never', () => {
    assert.equal(
      isQuotaExhausted(
        { type: 'RESOURCE_EXHAUSTED', message: 'You exceeded your current quota, please check your plan and billing details.' },
        true,
      ),
      false,
    );
    assert.equal(
      isQuotaExhausted(
        { type: 'RESOURCE_EXHAUSTED', message: 'You exceeded your current quota, please check your plan and billing details.' },
        false,
      ),
      true,
    );
    assert.equal(isQuotaExhausted({ type: 'insufficient_quota' }, true), true);
  });
});

describe('retry hints from headers', () => {
  it('reads retry-after-ms first', () => {
    assert.equal(retryHintMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW), 250);
  });
  it('reads retry-after in seconds and as an HTTP date', () => {
    assert.equal(retryHintMs(headers({ 'retry-after': '2' }), NOW), 2000);
    assert.equal(retryHintMs(headers({ 'retry-after': '1.5' }), NOW), 1500);
    assert.equal(retryHintMs(headers({ 'retry-after': new Date(NOW + 7000).toUTCString() }), NOW), 7000);
    assert.equal(retryHintMs(headers({ 'retry-after': new Date(NOW - 7000).toUTCString() }), NOW), 0);
  });
  it('ignores an unreadable retry-after and falls back to reset headers', () => {
    assert.equal(retryHintMs(headers({ 'retry-after': 'soon' }), NOW), undefined);
    assert.equal(retryHintMs(headers({ 'retry-after': 'soon', 'x-ratelimit-reset-requests': '3s' }), NOW), 3000);
  });
  it('reads OpenAI-style durations and Anthropic RFC 3339 resets', () => {
    assert.equal(resetValueMs('6m0s', NOW), 360_000);
    assert.equal(resetValueMs('20ms', NOW), 20);
    assert.equal(resetValueMs('1h2m3.5s', NOW), 3_723_500);
    assert.equal(resetValueMs('2025-01-01T00:00:04Z', NOW), 4000);
    assert.equal(resetValueMs('whenever', NOW), undefined);
  });
  it('prefers the reset of the limit that is exhausted', () => {
    const h = headers({
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-remaining-requests': '10',
      'x-ratelimit-reset-tokens': '8s',
      'x-ratelimit-remaining-tokens': '0',
    });
    assert.equal(retryHintMs(h, NOW), 8000);
    const anthropic = headers({
      'anthropic-ratelimit-requests-reset': '2025-01-01T00:00:05Z',
      'anthropic-ratelimit-requests-remaining': '0',
    });
    assert.equal(retryHintMs(anthropic, NOW), 5000);
  });
  it('without any exhausted limit takes the soonest reset', () => {
    assert.equal(retryHintMs(headers({ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '8s' }), NOW), 1000);
  });
  it('says nothing when no header applies', () => {
    assert.equal(retryHintMs(headers({}), NOW), undefined);
  });
});

describe('retry delays', () => {
  const options: RetryOptions = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000, minDelayMs: 50 };
  it('uses full jitter under an exponential ceiling', () => {
    assert.equal(
      retryDelayMs(0, undefined, options, () => 0.999),
      99,
    );
    assert.equal(
      retryDelayMs(2, undefined, options, () => 0.5),
      200,
    );
    assert.equal(
      retryDelayMs(3, undefined, options, () => 0),
      0,
    );
    assert.equal(
      retryDelayMs(10, undefined, options, () => 0.999),
      999,
      'capped by maxDelayMs',
    );
  });
  it('honours a provider hint as given, never shorter', () => {
    assert.equal(
      retryDelayMs(0, 300, options, () => 0),
      300,
    );
    assert.equal(
      retryDelayMs(0, 60_000, options, () => 0),
      60_000,
      'never retried early: the caller stops instead',
    );
    assert.equal(hintBeyondCap(60_000, options), true);
    assert.equal(hintBeyondCap(1000, options), false);
    assert.equal(hintBeyondCap(undefined, options), false);
  });
  it('Retry-After: 0 gets a floor, not a hot loop', () => {
    assert.equal(
      retryDelayMs(0, 0, options, () => 0),
      50,
    );
  });
  it('says how long a wait is in words', () => {
    assert.deepEqual(
      [formatWait(900), formatWait(45_000), formatWait(125_000), formatWait(3_780_000)],
      ['1 s', '45 s', '2 min 5 s', '1 h 3 min'],
    );
  });
});
