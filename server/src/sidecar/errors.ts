// Typed errors of the sidecar layer. Callers branch on `code`; users read `message`, which names
// what was seen (a quoted line, an exit code, the last stderr lines) so a failure can be acted on.
import { SamsaraError, type SidecarErrorCode } from '../../../shared/errors';

export type { SidecarErrorCode };

export class SidecarError extends SamsaraError {
  constructor(
    override readonly code: SidecarErrorCode,
    message: string,
    /** Whether starting again may help (a crash) or not (a missing file, a wrong protocol). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** Quotes untrusted text (a stdout line, stderr) for a message: bounded and on one line. */
export function quote(text: string, max = 200): string {
  const oneLine = text.replace(/\r?\n/g, '\\n');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine);
}

export function stderrTail(lines: readonly string[]): string {
  return lines.length === 0 ? ' (stderr was empty)' : `; last stderr lines:\n  ${lines.join('\n  ')}`;
}
