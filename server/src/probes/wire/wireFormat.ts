// The contract every provider wire format implements: build one HTTP request from a
// conversation, read one reply (whole or as a stream of server-sent events), read an error body,
// and list the models a key can use. Transport, retries and timing live in providerClient.ts so
// the formats stay pure and unit-testable.
import type { z } from 'zod';
import type { FinishKind } from '../../../../shared/probes/transcript';
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
  stream: boolean;
  /** OpenAI-style stream_options.include_usage (Mistral rejects it and sends usage unasked). */
  streamUsage: boolean;
  /** The scenario's sampling parameters; each format names them as its API does (parameterFields). */
  sampling: SamplingParameters;
}

/** What a scenario may ask of the model besides the conversation. */
export interface SamplingParameters {
  /** The answer's token limit (Anthropic requires one: DEFAULT_MAX_TOKENS when the scenario sets none). */
  maxTokens?: number;
  temperature?: number;
  /** The name the OpenAI dialect takes for the limit (shared/probes/providers.ts). */
  tokenLimitField?: 'max_tokens' | 'max_completion_tokens';
}

/** The limit sent when an API requires one and the scenario sets none. */
export const DEFAULT_MAX_TOKENS = 1024;

export interface WireRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WireUsage {
  inputTokens?: number;
  outputTokens?: number;
  /** Set when the provider sent a count Samsara could not use (negative, fractional, not a number). */
  usageProblem?: string;
}

export interface WireReply extends WireUsage {
  text: string;
  finish?: FinishKind;
  /** The provider's own word for why the answer ended. */
  finishReason?: string;
  blockReason?: string;
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

/** One server-sent event: the `event:` field (if any) and the joined `data:` lines. */
export interface StreamEvent {
  event?: string;
  data: string;
}

/** Reads one streamed answer event by event; `finish` gives the whole reply once the stream ends. */
export interface StreamParser {
  /** A text delta to show, or an error the provider reported inside the stream. */
  push(event: StreamEvent): { delta?: string; error?: WireErrorDetail };
  finish(): WireReply;
}

export interface WireFormat {
  readonly name: 'openai-chat' | 'anthropic-messages' | 'gemini-generate-content';
  /** Highest temperature the API takes (Anthropic: 1; the others: 2). */
  readonly maxTemperature: number;
  /**
   * The sampling parameters exactly as this format sends them, by field name (a nested field as a
   * dotted path: generationConfig.maxOutputTokens); recorded in the transcript. Fields the
   * scenario does not set are not sent, except a limit the API requires.
   */
  parameterFields(sampling: SamplingParameters): Record<string, number>;
  buildRequest(input: WireRequestInput): WireRequest;
  parseReply(body: unknown): WireReply;
  parseError(body: unknown): WireErrorDetail;
  streamParser(): StreamParser;
  /** The models endpoint (OpenAI and Anthropic GET /v1/models, Gemini models.list). */
  modelsRequest(baseUrl: string, apiKey: string | undefined): WireRequest;
  parseModels(body: unknown): string[];
}

/**
 * Joins a base URL and an API path. The rule (README, "Base URLs"): a base URL that is only an
 * origin (http://host:port) gets the format's version segment (/v1, /v1beta); a base URL with
 * any path — a version (/v1), a proxy prefix (/openai), Gemini's OpenAI-compatible endpoint
 * (/v1beta/openai) — is used as given and only the endpoint is appended.
 */
export function joinApiUrl(baseUrl: string, defaultVersion: string, path: string): string {
  const url = new URL(baseUrl);
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const prefix = url.pathname.replace(/\/+$/, '') === '' ? `${base}/${defaultVersion}` : base;
  return `${prefix}/${path.replace(/^\/+/, '')}${url.search}`;
}

/** Parses with a zod schema; a mismatch becomes a non-retryable malformed-response error. */
export function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new ProviderRequestError('malformed', `Malformed ${what}: ${where}: ${issue?.message ?? 'invalid'}`, false);
}

/**
 * Usage is information, not a precondition: counts that are missing stay undefined (Samsara
 * estimates), counts that are out of range are dropped with a note saying which field and why.
 */
export function readUsage(fields: Array<[name: string, value: unknown, into: 'inputTokens' | 'outputTokens']>): WireUsage {
  const usage: WireUsage = {};
  const problems: string[] = [];
  for (const [name, value, into] of fields) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) usage[into] = value;
    else problems.push(`${name} = ${JSON.stringify(value)} is not a token count`);
  }
  if (problems.length > 0) usage.usageProblem = `${problems.join('; ')}; estimated instead`;
  return usage;
}

/** Parses a JSON event payload; a broken event is a malformed response (not retried). */
export function eventJson(event: StreamEvent, what: string): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    throw new ProviderRequestError('malformed', `Malformed ${what}: an event is not JSON.`, false);
  }
}
