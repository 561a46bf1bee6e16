// The cold start, measured in the real editor: from a document's tab becoming active in a freshly
// started editor (the first window, or one just reloaded: a reload starts a new extension host, so
// the language server and the model start again) to its entities drawn in colour; and the
// profile read from the Samsara log that editor start wrote: when the extension activated, the
// model was asked for (client, then server at initialize), became ready, and the first coloured
// entities were answered, each relative to when the document opened.
import { loadavg } from 'node:os';
import { isAlive, waitFor } from '../../helpers/waitFor';
import type { Session } from './session';
import { waitForHighlighted } from './tokenColours';
import { openFileAt, runCommand } from './workbench';
import { readLog } from './writerFlows';

/** Log lines that mark a cold start's steps (the first of each is kept). */
const MILESTONES: { step: string; line: RegExp }[] = [
  { step: 'extension activated (first log line)', line: /./ },
  { step: 'client starts the server', line: /Starting the language model: / },
  { step: 'server starts the model at initialize', line: /Starting the language model at initialize/ },
  { step: 'model ready', line: /Sidecar( \d+)? ready/ },
  { step: 'first coloured entities answered', line: /First coloured entities/ },
];
const STAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) /;

/** A stamped log line's time (ms since the epoch); the log's stamps are local time, as this process reads them. */
function stampOf(line: string): number | undefined {
  const stamp = STAMP.exec(line);
  return stamp ? new Date(`${stamp[1]}T${stamp[2]}`).getTime() : undefined;
}

/** The stamped lines of `log` written at or after `since` (ms since the epoch): one editor start's. */
function linesSince(log: string, since: number): string[] {
  return log.split('\n').filter((line) => (stampOf(line) ?? -Infinity) >= since);
}

/** One line per step found after `since`: its time relative to `openedAt` (ms since the epoch), and the log line. */
export function coldStartProfile(log: string, openedAt: number, since = 0): string[] {
  const lines = linesSince(log, since);
  return MILESTONES.flatMap(({ step, line }) => {
    const found = lines.find((l) => line.test(l.replace(STAMP, '')));
    const at = found ? stampOf(found) : undefined;
    if (!found || at === undefined) return [];
    const relative = at - openedAt;
    return [`${relative >= 0 ? '+' : ''}${relative} ms  ${step}: ${found.replace(STAMP, '').slice(0, 140)}`];
  });
}

/** The machine's load average, to read a timing beside. */
export function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

export interface ColdStart {
  /** From the tab becoming active to every `coloured` text drawn in colour, in ms. */
  ms: number;
  /** The profile lines of this editor start (see coldStartProfile). */
  profile: string[];
}

/**
 * Opens `file` in an editor started at `since` and waits for `coloured` drawn in colour. Started
 * means the extensions are running: in a workspace of prose ours has then begun loading the model
 * (not awaited), as it has when a writer opens a file in an editor that just showed.
 */
export async function measureColdStart(session: Session, file: string, coloured: readonly string[], since: number): Promise<ColdStart> {
  const { page, server } = session;
  await waitFor(() => linesSince(readLog(server.userDataDir), since).some((l) => /Starting the language model/.test(l)) || undefined, {
    timeoutMs: 60_000,
    message: 'the extension started the language model for a workspace of prose',
  });
  const { activeAt } = await openFileAt(page, file);
  await waitForHighlighted(page, coloured, { timeoutMs: 90_000, what: `the entities of ${file} in colour` });
  const ms = Date.now() - activeAt;
  return { ms, profile: coldStartProfile(readLog(server.userDataDir), activeAt, since) };
}

/**
 * Starts the editor again as a writer would (Developer: Reload Window is a page reload here), with
 * no editor to restore, and waits until the old extension host's sidecars have exited: a reload
 * that left them running would measure a warm start beside a second model. Returns when the
 * reload began (ms since the epoch), to read that start's log lines from.
 */
export async function reloadEditor(session: Session): Promise<{ since: number; before: number[] }> {
  const { page } = session;
  const before = session.sidecarPids();
  await runCommand(page, 'View: Close All Editor Groups');
  const since = Date.now();
  await page.reload();
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
  await waitFor(() => before.every((pid) => !isAlive(pid)), {
    timeoutMs: 60_000,
    message: `the sidecars of the window before the reload (${before.join(', ')}) to exit`,
  });
  return { since, before };
}

/** The median of a few figures. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}
