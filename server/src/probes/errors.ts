// Typed errors of the probes feature. Each carries a code, the provider and the facts (a timeout's
// milliseconds, a status); its message states what happened, never which editor command, setting
// or command-line option fixes it: each front door words that remedy itself (see Remedy), since
// the editor and the `samsara` command line fix the same problem differently. None may carry an
// API key: messages built from provider responses go through redactSecret first.
import { SamsaraError, type ProbeErrorCode } from '../../../shared/errors';
import { redactText } from '../../../shared/redact';

/** What a front door needs to word a remedy: plain values, never a key. */
export type ProbeFacts = Readonly<Record<string, string | number>>;

export class ProbeError extends SamsaraError {
  /** The provider concerned, when one is. */
  provider?: string;
  facts: ProbeFacts = {};
}

/** A problem as a front door sees it, to word what to do next. */
export interface ProbeProblem {
  code: ProbeErrorCode;
  provider?: string;
  status?: number;
  facts: ProbeFacts;
}

/**
 * A front door's remedy for a problem ("Raise --timeout-ms.", "Run Samsara: Set API Key…"), or
 * undefined when it has none. The engine appends it to every error a transcript records.
 */
export type Remedy = (problem: ProbeProblem) => string | undefined;

/** The message with the front door's remedy, if it has one. */
export function withRemedy(message: string, problem: ProbeProblem, remedy: Remedy | undefined): string {
  const said = remedy?.(problem);
  if (!said) return message;
  // A provider's own message may end without a full stop; the remedy is a sentence of its own.
  return `${message}${/[.!?…)]$/.test(message) ? '' : '.'} ${said}`;
}

export class UnknownProviderError extends ProbeError {
  constructor(provider: string, known: readonly string[]) {
    super(
      'PROBE_UNKNOWN_PROVIDER',
      `Unknown provider "${provider}". Name models as provider:model with one of: ${known.join(', ')} (e.g. openai:gpt-4o).`,
    );
    this.provider = provider;
  }
}

export class InvalidModelError extends ProbeError {
  constructor(
    readonly model: string,
    message: string,
    code: 'PROBE_INVALID_MODEL' | 'PROBE_AMBIGUOUS_MODEL' = 'PROBE_INVALID_MODEL',
  ) {
    super(code, message);
  }
}

export class MissingKeyError extends ProbeError {
  constructor(provider: string, label: string) {
    super('PROBE_MISSING_KEY', `No API key for ${label}.`);
    this.provider = provider;
    this.facts = { label };
  }
}

export class InvalidArgumentsError extends ProbeError {
  /** `request`: the custom request whose parameters are wrong (default: the probe command's argument). */
  constructor(detail: string, request?: string) {
    super(
      'PROBE_INVALID_ARGUMENTS',
      request
        ? `${request}: invalid parameters: ${detail}`
        : `samsara.probe expects one argument { text, model, scenario?, apiKey? }: ${detail}`,
    );
  }
}

export class InvalidBaseUrlError extends ProbeError {
  constructor(provider: string, label: string) {
    super('PROBE_INVALID_BASE_URL', `The base URL for ${label} is not an http(s) URL.`);
    this.provider = provider;
    this.facts = { label };
  }
}

export class UnknownScenarioError extends ProbeError {
  constructor(id: string, known: readonly string[]) {
    super('PROBE_UNKNOWN_SCENARIO', `Unknown scenario "${id}". Known scenarios: ${known.join(', ')}.`);
  }
}

export class ScenarioFileError extends ProbeError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super('PROBE_SCENARIO_FILE', `${file}: ${detail}`);
  }
}

/** A scenario's variable cannot be filled in (no document, a document past the cap, no entities). */
export class TemplateError extends ProbeError {
  constructor(detail: string) {
    super('PROBE_TEMPLATE', detail);
  }
}

/** Pseudonymisation (or a variable) needs the sidecar's entities and it could not give them. */
export class EntitiesUnavailableError extends ProbeError {
  constructor(why: string, detail: string) {
    super('PROBE_ENTITIES_UNAVAILABLE', `${why}, but the sidecar could not find the entities: ${detail}`);
  }
}

/** A scenario parameter the provider's API does not take (Anthropic's temperature above 1). */
export class InvalidParameterError extends ProbeError {
  constructor(scenario: string, field: string, value: number, detail: string) {
    super(
      'PROBE_INVALID_PARAMETER',
      `Scenario "${scenario}": ${field} ${value} cannot be sent: ${detail}. Change the scenario's ${field}.`,
    );
  }
}

export class InvalidKeyError extends ProbeError {
  constructor(provider: string, label: string) {
    super(
      'PROBE_INVALID_KEY',
      `The API key for ${label} contains characters an HTTP header cannot carry (a line break, a space or a control character).`,
    );
    this.provider = provider;
    this.facts = { label };
  }
}

export class ProbeCancelledError extends ProbeError {
  constructor(
    /** Text that had already streamed in when the user cancelled (kept, marked cancelled). */
    readonly partialText = '',
  ) {
    super('PROBE_CANCELLED', 'The probe was cancelled.');
  }
}

export type FailureKind = 'http' | 'network' | 'timeout' | 'malformed' | 'redirect' | 'too-large' | 'rate-limited';

/** One failed provider request; `retryable` drives the retry loop. */
export class ProviderRequestError extends ProbeError {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
    context?: { provider?: string; facts?: ProbeFacts },
  ) {
    super(kindCode[kind], message);
    this.provider = context?.provider;
    this.facts = context?.facts ?? {};
  }

  get problem(): ProbeProblem {
    return { code: this.code as ProbeErrorCode, provider: this.provider, status: this.status, facts: this.facts };
  }
}

const kindCode: Record<FailureKind, ProbeErrorCode> = {
  http: 'PROBE_HTTP_ERROR',
  network: 'PROBE_NETWORK_ERROR',
  timeout: 'PROBE_TIMEOUT',
  malformed: 'PROBE_MALFORMED_RESPONSE',
  redirect: 'PROBE_REDIRECT',
  'too-large': 'PROBE_RESPONSE_TOO_LARGE',
  'rate-limited': 'PROBE_RATE_LIMITED',
};

const MAX_MESSAGE_CHARS = 500;

/**
 * Text bound for users (transcripts, logs, errors) from text a provider sent: secrets removed
 * FIRST, then cut to a readable length. Cutting first could leave a key's prefix at the cut,
 * too short to match the whole key.
 */
export function safeMessage(text: string, secrets: readonly string[]): string {
  const clean = redactText(text, secrets);
  return clean.length > MAX_MESSAGE_CHARS ? `${clean.slice(0, MAX_MESSAGE_CHARS)}…` : clean;
}

/** Removes one API key (and long slices of it, and URL credentials) from text; see shared/redact.ts. */
export function redactSecret(text: string, secret: string | undefined): string {
  return redactText(text, [secret]);
}
