// Waits for a condition with a deadline instead of sleeping a fixed time: returns the first truthy
// value of `probe`, or fails with `message` (and the last value seen) when the deadline passes.
import { readFileSync } from 'node:fs';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  message?: string;
  /** Checked at every poll: a returned reason fails the wait at once (e.g. the server died). */
  abortIf?: () => string | undefined;
}

export async function waitFor<T>(probe: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    const abort = options.abortIf?.();
    if (abort) throw new Error(`${options.message ?? 'condition'}: ${abort}`);
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `last error: ${lastError.message}` : `last value: ${safeJson(last)}`;
      throw new Error(`${options.message ?? 'condition'} not met within ${timeoutMs} ms (${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Whether a process id is alive (signal 0 checks without signalling). A zombie counts as dead:
 * in a container whose init does not reap, an exited orphan stays a zombie.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but is not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.slice(0, 300);
  } catch {
    return String(value);
  }
}
