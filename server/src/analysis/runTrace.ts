// Where the time of one analysis run goes (RunTrace in shared/lsp.ts, read through samsara/stats
// by the edit bench): points in ms since the run started, on a clock shared with the bench's
// client, and the server's CPU time, which a loaded machine inflates far less than wall time.
import type { RunTrace } from '../../../shared/lsp';
import type { DocumentEntity } from '../entities/entityModel';
import { traceClock } from './scheduler';

/** CPU time at the start of each trace (what `cpuMs` counts from). */
const cpuAtStart = new WeakMap<RunTrace, NodeJS.CpuUsage>();

export function newTrace(version: number, reason: string): RunTrace {
  const zero = { settingsMs: 0, extractMs: 0, unitsMs: 0, requestedMs: 0, units: 0, unitsSent: 0, charsSent: 0 };
  const trace = { version, reason, startedAt: traceClock(), ...zero };
  cpuAtStart.set(trace, process.cpuUsage());
  return trace;
}

/** The run's first model is published: when, and the CPU time it took. */
export function published(trace: RunTrace): void {
  trace.modelMs = sinceStart(trace);
  const used = process.cpuUsage(cpuAtStart.get(trace));
  trace.cpuMs = (used.user + used.system) / 1000;
}

export function sinceStart(trace: RunTrace): number {
  return traceClock() - trace.startedAt;
}

/** Whether two lists of entities are the same, in order. */
export function sameEntities(a: readonly DocumentEntity[], b: readonly DocumentEntity[]): boolean {
  return (
    a.length === b.length &&
    a.every((e, i) => e.start === b[i].start && e.end === b[i].end && e.label === b[i].label && e.text === b[i].text)
  );
}
