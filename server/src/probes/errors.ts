// Typed errors of the probes feature. Every message says what to do next, and none may carry an
// API key: messages built from provider responses go through redactSecret first.
import { SamsaraError, type ProbeErrorCode } from '../../../shared/errors';

export class ProbeError extends SamsaraError {}

export class UnknownProviderError extends ProbeError {
  constructor(
    readonly provider: string,
    known: readonly string[],
  ) {
    super(
      'PROBE_UNKNOWN_PROVIDER',
      `Unknown provider "${provider}". Name models as provider:model with one of: ${known.join(', ')} (e.g. openai:gpt-4o).`,
    );
  }
}

export class InvalidModelError extends ProbeError {
  constructor(
    readonly model: string,
    message: string,
  ) {
    super('PROBE_INVALID_MODEL', message);
  }
}

export class MissingKeyError extends ProbeError {
  constructor(
    readonly provider: string,
    label: string,
  ) {
    super('PROBE_MISSING_KEY', `No API key for ${label}. Run "Samsara: Set API Key…" and choose ${label}.`);
  }
}

export class InvalidArgumentsError extends ProbeError {
  constructor(detail: string) {
    super('PROBE_INVALID_ARGUMENTS', `samsara.probe expects one argument { text, model, scenario?, apiKey?, baseUrl? }: ${detail}`);
  }
}

export class InvalidBaseUrlError extends ProbeError {
  constructor(provider: string) {
    super(
      'PROBE_INVALID_BASE_URL',
      `The base URL for ${provider} is not an http(s) URL. Fix samsara.probes.baseUrls in your user settings.`,
    );
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

export class ProbeCancelledError extends ProbeError {
  constructor() {
    super('PROBE_CANCELLED', 'The probe was cancelled.');
  }
}

export type FailureKind = 'http' | 'network' | 'timeout' | 'malformed';

/** One failed provider request; `retryable` drives the retry loop. */
export class ProviderRequestError extends ProbeError {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(kindCode[kind], message);
  }
}

const kindCode: Record<FailureKind, ProbeErrorCode> = {
  http: 'PROBE_HTTP_ERROR',
  network: 'PROBE_NETWORK_ERROR',
  timeout: 'PROBE_TIMEOUT',
  malformed: 'PROBE_MALFORMED_RESPONSE',
};

/**
 * Removes an API key from text bound for users (transcripts, logs, errors). Providers echo keys
 * in 401 bodies, sometimes truncated, so any long token that is part of the key goes too.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text.split(secret).join('[redacted]');
  if (secret.length >= 8) {
    out = out.replace(/[^\s"'`,;:()[\]{}<>]{8,}/g, (token) => {
      const core = token.replace(/^\*+|\*+$/g, '').replace(/[.]+$/, '');
      return core.length >= 8 && secret.includes(core) ? '[redacted]' : token;
    });
  }
  return out;
}
