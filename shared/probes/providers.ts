// The providers Samsara can probe, as data: ids, display names, whether a key is needed, and the
// NAME of the wire format each speaks. The server maps that name to its implementation
// (server/src/probes/wire/); the client and the command line read this table without pulling
// any HTTP code into their bundles. Models are named provider:model ("openai:gpt-4o").

export const WIRE_FORMAT_NAMES = ['openai-chat', 'anthropic-messages', 'gemini-generate-content'] as const;
export type WireFormatName = (typeof WIRE_FORMAT_NAMES)[number];

export interface ProviderInfo {
  id: string;
  /** What users read: "OpenAI", "Google Gemini". */
  label: string;
  wireFormat: WireFormatName;
  defaultBaseUrl: string;
  requiresKey: boolean;
}

const list: readonly ProviderInfo[] = [
  { id: 'openai', label: 'OpenAI', wireFormat: 'openai-chat', defaultBaseUrl: 'https://api.openai.com/v1', requiresKey: true },
  {
    id: 'anthropic',
    label: 'Anthropic',
    wireFormat: 'anthropic-messages',
    defaultBaseUrl: 'https://api.anthropic.com',
    requiresKey: true,
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    wireFormat: 'gemini-generate-content',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    requiresKey: true,
  },
  { id: 'xai', label: 'xAI', wireFormat: 'openai-chat', defaultBaseUrl: 'https://api.x.ai/v1', requiresKey: true },
  { id: 'deepseek', label: 'DeepSeek', wireFormat: 'openai-chat', defaultBaseUrl: 'https://api.deepseek.com/v1', requiresKey: true },
  { id: 'mistral', label: 'Mistral', wireFormat: 'openai-chat', defaultBaseUrl: 'https://api.mistral.ai/v1', requiresKey: true },
  { id: 'ollama', label: 'Ollama (local)', wireFormat: 'openai-chat', defaultBaseUrl: 'http://127.0.0.1:11434/v1', requiresKey: false },
];

export const PROVIDERS: ReadonlyMap<string, ProviderInfo> = new Map(list.map((p) => [p.id, p]));
export const PROVIDER_IDS: readonly string[] = list.map((p) => p.id);
export const KEYED_PROVIDER_IDS: readonly string[] = list.filter((p) => p.requiresKey).map((p) => p.id);

/** The display name of a provider id ("openai" → "OpenAI"); an unknown id is shown as is. */
export function providerLabel(id: string): string {
  return PROVIDERS.get(id)?.label ?? id;
}

export interface ModelRef {
  provider: string;
  model: string;
}

export type ModelRefProblem = { kind: 'invalid'; spec: string } | { kind: 'unknown-provider'; provider: string };

/**
 * Splits "provider:model" at the first colon (model names may contain colons: llama3.1:8b).
 * Returns the problem instead of throwing, so each side raises its own typed error.
 */
export function splitModelRef(spec: string): ModelRef | ModelRefProblem {
  const at = spec.indexOf(':');
  const provider = spec.slice(0, at).trim().toLowerCase();
  const model = spec.slice(at + 1).trim();
  if (at <= 0 || model === '') return { kind: 'invalid', spec };
  if (!PROVIDERS.has(provider)) return { kind: 'unknown-provider', provider };
  return { provider, model };
}

export function describeModelRefProblem(problem: ModelRefProblem): string {
  return problem.kind === 'invalid'
    ? `Model "${problem.spec}" is not of the form provider:model (e.g. openai:gpt-4o, ollama:llama3.1).`
    : `Unknown provider "${problem.provider}". Name models as provider:model with one of: ${PROVIDER_IDS.join(', ')} (e.g. openai:gpt-4o).`;
}
