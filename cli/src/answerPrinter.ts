// How `samsara probe` shows a run: answers go to stdout as they arrive; turn headers, each turn's
// entity fidelity and the summary go to stderr, so stdout pipes cleanly.
import { entityList, fidelityCounts } from '../../shared/probes/fidelityText';
import type { Transcript } from '../../shared/probes/transcript';
import { usd } from '../../shared/probes/transcriptMarkdown';
import type { ProbeEvent } from '../../server/src/engine';
import type { CliContext } from './cliContext';

export class AnswerPrinter {
  private current = -1;
  private texts: string[] = [];

  constructor(
    private readonly context: CliContext,
    private readonly headers: boolean,
  ) {}

  on(event: ProbeEvent): void {
    if (event.kind === 'turn') {
      this.endTurn();
      this.current = event.turn;
      this.texts[event.turn] = '';
      if (this.headers)
        this.context.stderr.write(`\n[turn ${event.turn + 1}/${event.total}] ${event.prompt.split('\n')[0].slice(0, 100)}\n`);
    } else if (event.kind === 'delta') {
      this.texts[event.turn] += event.text;
      this.context.stdout.write(event.text);
    } else {
      this.context.stderr.write('\n[retrying: the partial answer above is void]\n');
      this.texts[event.turn] = '';
    }
  }

  /** Without streaming, each answer is printed whole when its turn ends. */
  finish(t: Transcript): void {
    for (const turn of t.turns) {
      if (!this.texts[turn.index] && turn.response) this.context.stdout.write(`${turn.response}\n`);
    }
    this.endTurn();
    const err = this.context.stderr;
    if (t.pseudonymization) {
      const p = t.pseudonymization;
      err.write(
        `samsara: pseudonymised ${p.labels.join(', ')}: ${p.mapping.map((m) => `${m.placeholder} = ${m.text}`).join(', ') || 'no names found'}\n`,
      );
    }
    for (const turn of t.turns) {
      const f = turn.entities;
      if (!f) continue;
      err.write(`samsara: turn ${turn.index + 1} entities (heuristic): ${fidelityCounts(f)}`);
      err.write(
        `${f.missing.length ? `; missing: ${entityList(f.missing)}` : ''}${f.unsupported.length ? `; not in the source: ${entityList(f.unsupported)}` : ''}\n`,
      );
    }
    if (t.entitiesProblem) err.write(`samsara: no entity fidelity: ${t.entitiesProblem}\n`);
    const cost = t.totals.costUsd !== undefined ? `, ${usd(t.totals.costUsd)}` : '';
    const why = t.run.endedBecause ? ` (${t.run.endedBecause})` : '';
    err.write(
      `samsara: ${t.run.outcome}${why}: ${t.totals.turns} turn(s), ${t.totals.inputTokens}/${t.totals.outputTokens} tokens${t.totals.estimated ? ' (estimated)' : ''}${cost}, ${t.run.durationMs} ms\n`,
    );
    for (const e of t.errors) err.write(`samsara: turn ${e.turn + 1}: ${e.message}\n`);
  }

  private endTurn(): void {
    if (this.current >= 0 && this.texts[this.current]) this.context.stdout.write('\n');
  }
}
