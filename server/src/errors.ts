// Base of every error Samsara raises on purpose: a stable machine-readable `code` beside the
// human message, so callers branch on codes and users read messages.
export class SamsaraError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
