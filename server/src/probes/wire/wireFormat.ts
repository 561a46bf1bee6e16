// The contract every provider wire format implements: build one HTTP request from a
// conversation, read one reply, and read an error body. Transport, retries and timing live in
// providerClient.ts so the three formats stay pure and unit-testable.
import type { z } from 'zod';
import { ProviderRequestError } from '../errors';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface WireRequestInput {
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  system: string;
  messages: readonly ChatMessage[];
}

export interface WireRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface WireReply {
  text: string;
  inputTokens?: number;
  outputTokens?: number;
  modelVersion?: string;
  systemFingerprint?: string;
  /** Response id from the body, used as the request id when no header carries one. */
  bodyId?: string;
}

export interface WireErrorDetail {
  message?: string;
  /** Provider's machine-readable error type or code, e.g. insufficient_quota, rate_limit_error. */
  type?: string;
  /** Gemini puts its retry hint in the body (RetryInfo.retryDelay), not in a header. */
  retryAfterMs?: number;
}

export interface WireFormat {
  readonly name: 'openai-chat' | 'anthropic-messages' | 'gemini-generate-content';
  buildRequest(input: WireRequestInput): WireRequest;
  parseReply(body: unknown): WireReply;
  parseError(body: unknown): WireErrorDetail;
}

/**
 * Joins a base URL and an API path. A base that already ends in a version segment (/v1,
 * /v1beta) is used as is, so both "http://host:11434" and "http://host:11434/v1" work as
 * overrides; otherwise the format's default version segment is inserted.
 */
export function joinApiUrl(baseUrl: string, defaultVersion: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const versioned = /\/v\d+[a-z0-9]*$/i.test(base) ? base : `${base}/${defaultVersion}`;
  return `${versioned}/${path.replace(/^\/+/, '')}`;
}

/** Parses with a zod schema; a mismatch becomes a non-retryable malformed-response error. */
export function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new ProviderRequestError('malformed', `Malformed ${what}: ${where}: ${issue?.message ?? 'invalid'}`, false);
}
