// The cold start's profile, read from the Samsara log the editor wrote: when the extension
// activated, the language model was asked for (client, then server at initialize), became ready,
// and the first coloured entities were answered, each relative to when the first document opened.
import { loadavg } from 'node:os';

/** Log lines that mark a cold start's steps (the first of each is kept). */
const MILESTONES: { step: string; line: RegExp }[] = [
  { step: 'extension activated (first log line)', line: /./ },
  { step: 'client starts the server', line: /Starting the language model: / },
  { step: 'server starts the model at initialize', line: /Starting the language model at initialize/ },
  { step: 'model ready', line: /Sidecar( \d+)? ready/ },
  { step: 'first coloured entities answered', line: /First coloured entities/ },
];
const STAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) /;

/** One line per step found: its time relative to `openedAt` (ms since the epoch), and the log line. */
export function coldStartProfile(log: string, openedAt: number): string[] {
  const lines = log.split('\n').filter((line) => STAMP.test(line));
  return MILESTONES.flatMap(({ step, line }) => {
    const found = lines.find((l) => line.test(l.replace(STAMP, '')));
    const stamp = found ? STAMP.exec(found) : null;
    if (!found || !stamp) return [];
    // The log's stamps are local time, as this process reads them.
    const at = new Date(`${stamp[1]}T${stamp[2]}`).getTime();
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
