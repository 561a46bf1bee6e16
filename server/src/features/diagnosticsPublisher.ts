// When a document's entities go out as diagnostics (diagnostics.ts builds them). They are quiet
// by default and not the highlighting channel, yet a long document's publication is large: ~200 KB
// of JSON for the 1,000 diagnostics of a 300 KB document. The client reads it on the same stream
// as the semantic-token answers, and measured (bench/serverBench.ts, section 2) a publication
// after every edit held the next token delta at the client for ~30 ms, doubling what the user
// waits for. So a large publication waits for a pause in typing (`quietMs` after the latest model)
// and is built from the latest model only; a small one goes at once, after the token answers. A
// client without semantic tokens highlights through diagnostics: for it `quietMs` is 0.
import type { Diagnostic } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';

/** Publications of at most this many entities are not worth holding back. */
export const SMALL_PUBLICATION = 200;

/** How long typing must pause before a large publication goes out. */
export const DEFAULT_QUIET_MS = 300;

/** Runs `run` after `ms` (0: once the current I/O is done); returns a cancel. */
export type Later = (ms: number, run: () => void) => () => void;

export const realLater: Later = (ms, run) => {
  if (ms <= 0) {
    const immediate = setImmediate(run);
    return () => clearImmediate(immediate);
  }
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export interface DiagnosticsPublisherDeps {
  send(uri: string, version: number, diagnostics: Diagnostic[]): void;
  /** Whether the model is still its document's latest (not closed, cleared or replaced). */
  isLatest(model: EntityModel): boolean;
  /** How long a large publication waits for typing to pause; 0: never held back. */
  quietMs(): number;
  later?: Later;
}

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, () => void>();
  private readonly later: Later;

  constructor(private readonly deps: DiagnosticsPublisherDeps) {
    this.later = deps.later ?? realLater;
  }

  /** Publishes the diagnostics `build` makes of `model`, now or when typing pauses. */
  publish(model: EntityModel, build: (model: EntityModel) => Diagnostic[]): void {
    this.cancel(model.uri);
    const wait = model.entities.length <= SMALL_PUBLICATION ? 0 : this.deps.quietMs();
    const cancel = this.later(wait, () => {
      this.pending.delete(model.uri);
      if (this.deps.isLatest(model)) this.deps.send(model.uri, model.version, build(model));
    });
    this.pending.set(model.uri, cancel);
  }

  /** The document's diagnostics were cleared (or it closed): nothing held back goes out. */
  cancel(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
  }

  /** Documents with a publication held back. */
  get waiting(): number {
    return this.pending.size;
  }
}
