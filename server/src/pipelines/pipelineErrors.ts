// What can go wrong while fetching or installing a pipeline, each with the sentence a writer
// reads: what happened and what to do. `kind` lets callers (status item, tests) tell them apart.
export type PipelineErrorKind =
  | 'offline'
  | 'http'
  | 'checksum'
  | 'diskFull'
  | 'cancelled'
  | 'incompatible'
  | 'unverifiable'
  | 'unsupported'
  | 'badPackage'
  | 'unknown';

export class PipelineError extends Error {
  constructor(
    readonly kind: PipelineErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PipelineError';
  }
}

const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The errno-like code of an error or of its cause (fetch wraps network errors in a TypeError). */
export function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns what fetch, the file system or an abort threw into a PipelineError naming `what` and `where`. */
export function classify(error: unknown, what: string, where: string): PipelineError {
  if (error instanceof PipelineError) return error;
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if ((error as { name?: unknown })?.name === 'AbortError' || code === 'ABORT_ERR') {
    return new PipelineError('cancelled', `Download of ${what} cancelled; nothing was installed.`, { cause: error });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new PipelineError(
      'diskFull',
      `Not enough disk space to install ${what} in ${where}. Free some space (Samsara: Manage Language Pipelines… can remove pipelines you no longer use) and try again.`,
      { cause: error },
    );
  }
  if (code !== undefined && OFFLINE_CODES.has(code)) {
    return new PipelineError(
      'offline',
      `Cannot reach ${where} to download ${what} (${code}). Check your connection, set a mirror (samsara.pipelines.mirrorUrl), or install it from a file: Samsara: Install Language Pipeline from File….`,
      { cause: error },
    );
  }
  if (detail === 'fetch failed') {
    return new PipelineError(
      'offline',
      `Cannot reach ${where} to download ${what}. Check your connection or install it from a file: Samsara: Install Language Pipeline from File….`,
      {
        cause: error,
      },
    );
  }
  return new PipelineError('unknown', `Could not install ${what}: ${detail}`, { cause: error });
}
