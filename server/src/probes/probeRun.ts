// What one run of a scenario against one model is given (ProbeRun) and what it reports while it
// runs (ProbeEvent). Types only, apart from the runner (probeRunner.ts) and the transcript it
// assembles (probeTranscript.ts), so both can name them without importing each other.
import type { NamedEntity } from '../../../shared/probes/fidelity';
import type { Scenario } from '../../../shared/probes/scenario';
import type { LineRange, ProbeEstimate } from '../../../shared/probes/transcript';
import type { PriceTable } from './cost';
import type { Remedy } from './errors';
import type { Analyze } from './probePreparation';
import type { Sleep } from './providerClient';
import type { ResolvedEndpoint } from './providers';
import type { RetryOptions } from './retryPolicy';
import type { Semaphore } from './semaphore';
import type { TokenCounter } from './tokens';

/** What a live view needs to show the conversation as it happens (with the real names). */
export type ProbeEvent =
  | { kind: 'turn'; turn: number; total: number; prompt: string }
  | { kind: 'delta'; turn: number; text: string }
  | { kind: 'reset'; turn: number };

export interface ProbeRun {
  /** The selection: the text the probe is about. */
  text: string;
  provider: string;
  model: string;
  scenario: Scenario;
  endpoint: ResolvedEndpoint;
  timeoutMs: number;
  retry: RetryOptions;
  semaphore: Semaphore;
  signal: AbortSignal;
  stream?: boolean;
  maxResponseBytes?: number;
  prices?: PriceTable;
  /** Counts tokens where the provider reports none (default: 4 characters a token). */
  counter?: TokenCounter;
  estimate?: ProbeEstimate;
  runId?: string;
  /** Shared by the runs of one comparison. */
  group?: string;
  /** The whole document, for {{document}}. */
  document?: string;
  /** The document's workspace-relative name, for {{file}}. */
  file?: string;
  /** The lines of the document the text spans (recorded, never sent). */
  lines?: LineRange;
  /** The entity of a "Probe this entity" run, for {{entity}}. */
  entity?: NamedEntity;
  /** The sidecar: entities of the selection and of each answer. Without it, no fidelity is recorded. */
  analyze?: Analyze;
  /** Labels whose names are replaced by placeholders before sending. */
  pseudonymize?: readonly string[];
  onEvent?: (event: ProbeEvent) => void;
  /** The front door's remedy, appended to every error the transcript records. */
  remedy?: Remedy;
  log?: (line: string) => void;
  sleep?: Sleep;
  random?: () => number;
}
