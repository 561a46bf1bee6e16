// The one way to run a probe, for every front door (the editor's samsara.probe command, the
// `samsara probe` command line, campaign runners): plain inputs in (text, model ref, scenario,
// keys, settings, callbacks), a transcript out. It resolves model → endpoint → scenario → token
// counter → estimate, shows the caller that plan (to print it, refuse it, or start a sidecar for
// it), then runs. Errors it throws are ProbeErrors with a code, the provider and the facts; the
// caller words the remedy (see errors.ts Remedy), so no front door re-checks what the engine does.
import type { NamedEntity } from '../../../shared/probes/fidelity';
import type { ModelRef } from '../../../shared/probes/providers';
import { scenarioTurns, type Scenario } from '../../../shared/probes/scenario';
import type { LineRange, ProbeEstimate, Transcript } from '../../../shared/probes/transcript';
import { estimateProbe, priceOf } from './cost';
import type { Remedy } from './errors';
import type { Analyze } from './probePreparation';
import type { ProbeEvent } from './probeRun';
import { runProbe } from './probeRunner';
import type { ProbeSettings } from './probeSettings';
import type { Sleep } from './providerClient';
import { parseModelRef, resolveEndpoint, type ResolvedEndpoint } from './providers';
import { DEFAULT_RETRY } from './retryPolicy';
import { resolveScenario, type ScenarioSources } from './scenarioLoader';
import { Semaphore, type ProviderLimits } from './semaphore';
import { counterFor } from './tokens';

/** The settings a probe reads; every front door fills them (the editor from samsara.probes, the CLI from options). */
export type ProbeEngineSettings = Pick<ProbeSettings, 'timeoutMs' | 'maxRetries' | 'stream' | 'maxResponseBytes' | 'prices'>;

export interface ProbeInputs {
  /** The selection: the text the probe is about. */
  text: string;
  /** "provider:model", or a model id whose provider is clear. */
  model: string;
  /** A scenario id (looked up in scenarioSources, built-ins included), or a whole scenario. */
  scenario: string | Scenario;
  scenarioSources: ScenarioSources;
  /** The key of a provider (the editor: the one the client sent; the CLI: the environment's). */
  keys: (provider: string) => string | undefined;
  /** A provider's base URL override, if any. */
  baseUrls?: (provider: string) => string | undefined;
  settings: ProbeEngineSettings;
  signal: AbortSignal;
  /** Overrides settings.stream for this probe. */
  stream?: boolean;
  pseudonymize?: readonly string[];
  document?: string;
  file?: string;
  lines?: LineRange;
  entity?: NamedEntity;
  runId?: string;
  group?: string;
  /** Shared by concurrent probes, one limit per provider (default: this probe alone). */
  limits?: Pick<ProviderLimits, 'for'>;
}

/** What the engine will do, shown to the caller before anything is sent. */
export interface ProbePlan {
  ref: ModelRef;
  scenario: Scenario;
  estimate: ProbeEstimate;
  turns: number;
  /** The provider's display name. */
  label: string;
  /** The scenario file that was read (a front door says so: never a file read silently). */
  scenarioFile?: string;
}

export interface ProbeCallbacks {
  /** Called once the plan is known, before anything is sent: may throw to refuse, or return the sidecar's analysis. */
  onPlan?: (plan: ProbePlan) => Promise<Analyze | undefined | void> | Analyze | undefined | void;
  /** The sidecar's analysis when the caller has one up front (otherwise onPlan may give it). */
  analyze?: Analyze;
  /** A scenario source that was skipped (a bad entry in a scenario file). */
  onScenarioProblem?: (problem: string) => void;
  onEvent?: (event: ProbeEvent, endpoint: Pick<ResolvedEndpoint, 'secrets'>) => void;
  log?: (line: string) => void;
  remedy?: Remedy;
  sleep?: Sleep;
  random?: () => number;
}

export async function probe(inputs: ProbeInputs, callbacks: ProbeCallbacks = {}): Promise<Transcript> {
  const ref = parseModelRef(inputs.model);
  const endpoint = resolveEndpoint(ref, inputs.keys(ref.provider), inputs.baseUrls?.(ref.provider));
  const { scenario, problems, file: scenarioFile } = await resolveScenario(inputs.scenario, inputs.scenarioSources);
  for (const problem of problems) callbacks.onScenarioProblem?.(problem);
  const { settings } = inputs;
  const counter = await counterFor(ref.provider, ref.model);
  const values = { selection: inputs.text, document: inputs.document, file: inputs.file, entity: inputs.entity?.text };
  const estimate = estimateProbe(counter, scenario, values, priceOf(settings.prices, ref.provider, ref.model));
  const plan: ProbePlan = {
    ref,
    scenario,
    estimate,
    turns: scenarioTurns(scenario).length,
    label: endpoint.info.label,
    ...(scenarioFile ? { scenarioFile } : {}),
  };
  const analyze = (await callbacks.onPlan?.(plan)) ?? callbacks.analyze;
  return runProbe({
    text: inputs.text,
    provider: ref.provider,
    model: ref.model,
    scenario,
    endpoint,
    timeoutMs: settings.timeoutMs,
    retry: { ...DEFAULT_RETRY, maxRetries: settings.maxRetries },
    semaphore: inputs.limits?.for(ref.provider) ?? new Semaphore(1),
    signal: inputs.signal,
    stream: inputs.stream ?? settings.stream,
    maxResponseBytes: settings.maxResponseBytes,
    prices: settings.prices,
    counter,
    estimate,
    ...(inputs.runId ? { runId: inputs.runId } : {}),
    ...(inputs.group ? { group: inputs.group } : {}),
    document: inputs.document,
    file: inputs.file,
    lines: inputs.lines,
    entity: inputs.entity,
    analyze: analyze ?? undefined,
    pseudonymize: inputs.pseudonymize,
    onEvent: callbacks.onEvent ? (event) => callbacks.onEvent?.(event, endpoint) : undefined,
    log: callbacks.log,
    remedy: callbacks.remedy,
    sleep: callbacks.sleep,
    random: callbacks.random,
  });
}
