// Keeps every sidecar worker on the same entity rules. The rules live in the sidecar process, so a
// restarted one has none: they are sent to each new process before it takes a request (the
// worker's `prepare`), and to every ready worker when they change. The sidecar answers in
// arrival order, so an analysis sent after the rules is made with them; each answer names the
// rules it was made with (a hash), which is what a cache keys by.
import type { Logger } from '../logger';
import { EntityRulesDataSchema, type EntityRules, type EntityRulesData, type SidecarAction } from '../protocol/sidecar';
import { SidecarError } from './errors';
import { parseAnswer } from './parseAnswer';

/** What the keeper needs of a worker. */
export interface RulesWorker {
  readonly state: string;
  send(body: SidecarAction, timeoutMs?: number): Promise<unknown>;
}

export class EntityRulesSync {
  private rules: EntityRules | undefined;
  /** 0: never set (a fresh sidecar has no rules: nothing to send). */
  private version = 0;
  private readonly applied = new Map<RulesWorker, number>();

  constructor(private readonly log: Logger) {}

  /** The rules in effect, if any were set. */
  get current(): EntityRules | undefined {
    return this.rules;
  }

  /**
   * A new process of `worker`, before it serves: it gets the rules in effect (again, if they
   * change meanwhile). A process that dies or does not answer fails its start (retryable); one
   * that refuses the rules still serves, without them, and says so in the log.
   */
  async prepare(worker: RulesWorker, request: (body: SidecarAction) => Promise<unknown>): Promise<void> {
    this.applied.set(worker, 0);
    while (this.rules && (this.applied.get(worker) ?? 0) !== this.version) {
      const version = this.version;
      try {
        await this.sendWith(request, this.rules);
      } catch (error) {
        if (error instanceof SidecarError && (error.code === 'SIDECAR_REQUEST_FAILED' || error.code === 'SIDECAR_BAD_RESPONSE')) {
          this.log.error(`The sidecar refused the entity rules: ${error.message}`);
        } else {
          const message = error instanceof Error ? error.message : String(error);
          throw new SidecarError('SIDECAR_EXITED', `the sidecar did not take the entity rules: ${message}`, true, { cause: error });
        }
      }
      this.applied.set(worker, version);
    }
  }

  /**
   * A worker just became ready: if the rules changed during the last step of its preparation,
   * they go now, before any analysis is dispatched to it.
   */
  catchUp(worker: RulesWorker): void {
    if (!this.rules || this.applied.get(worker) === this.version) return;
    this.sendTo(worker).catch((error: unknown) =>
      this.log.warn(`Entity rules not applied to a sidecar worker: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  forget(worker: RulesWorker): void {
    this.applied.delete(worker);
  }

  /**
   * New rules for every worker. `readyWorkers` waits for at least one ready worker (or fails when
   * none will be). Resolves with a worker's answer for the rules in effect afterwards (a later
   * `set` supersedes this one): their hash, how many applied, the problems of skipped entries.
   */
  async set(rules: EntityRules, readyWorkers: () => Promise<RulesWorker[]>): Promise<EntityRulesData> {
    this.rules = rules;
    this.version += 1;
    let answers: EntityRulesData[] = [];
    for (let attempt = 1; answers.length === 0; attempt++) {
      const outcomes = await Promise.allSettled((await readyWorkers()).map((worker) => this.sendTo(worker)));
      answers = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')?.reason as unknown;
      if (answers.length > 0) break;
      // Every worker it went to died on the way: their successors take the rules as they start.
      if (attempt === 1 && failure instanceof SidecarError && failure.code === 'SIDECAR_EXITED') continue;
      throw failure instanceof Error ? failure : new SidecarError('SIDECAR_STOPPED', 'No sidecar worker took the entity rules', false);
    }
    const hashes = new Set(answers.map((a) => a.rules));
    if (hashes.size > 1) this.log.warn(`Sidecar workers disagree on the entity rules' hash: ${[...hashes].join(', ')}`);
    return answers[0];
  }

  private async sendTo(worker: RulesWorker): Promise<EntityRulesData> {
    const rules = this.rules;
    if (!rules) throw new SidecarError('SIDECAR_REQUEST_FAILED', 'No entity rules to send', false);
    const version = this.version;
    const data = await this.sendWith((body) => worker.send(body), rules);
    if ((this.applied.get(worker) ?? 0) < version) this.applied.set(worker, version);
    return data;
  }

  private async sendWith(request: (body: SidecarAction) => Promise<unknown>, rules: EntityRules): Promise<EntityRulesData> {
    return parseAnswer(EntityRulesDataSchema, await request({ action: 'set_entity_rules', ...rules }), 'set_entity_rules');
  }
}
