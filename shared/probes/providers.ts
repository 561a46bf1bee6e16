// The providers Samsara can probe, as data: ids, display names, whether a key is needed, where
// the command line finds it, and the NAME of the wire format each speaks. The server maps that
// name to its implementation (server/src/probes/wire/); the client and the command line read
// this table without pulling any HTTP code into their bundles. Models are named provider:model
// ("openai:gpt-5.4-mini"); a bare model id whose family is unmistakable ("claude-haiku-4-5")
// resolves to its provider (resolveModelSpec).

export const WIRE_FORMAT_NAMES = ['openai-chat', 'anthropic-messages', 'gemini-generate-content'] as const;
export type WireFormatName = (typeof WIRE_FORMAT_NAMES)[number];

export interface ProviderInfo {
  id: string;
  /** What users read: "OpenAI", "Google Gemini". */
  label: string;
  wireFormat: WireFormatName;
  defaultBaseUrl: string;
  requiresKey: boolean;
  /** Environment variables the command line reads the key from, in order. */
  envKeys: readonly string[];
  /** Sends stream_options.include_usage (OpenAI dialect; Mistral rejects the field). */
  streamUsage: boolean;
  /**
   * OpenAI dialect: the name of the answer's token limit. OpenAI and xAI take
   * max_completion_tokens (max_tokens is deprecated there); DeepSeek, Mistral and Ollama take
   * max_tokens (Mistral rejects fields it does not know).
   */
  tokenLimitField?: 'max_tokens' | 'max_completion_tokens';
  /** Bare model ids of this provider's families (resolveModelSpec). */
  modelPattern?: RegExp;
}

const list: readonly ProviderInfo[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    wireFormat: 'openai-chat',
    defaultBaseUrl: 'https://api.openai.com/v1',
    requiresKey: true,
    envKeys: ['OPENAI_API_KEY'],
    streamUsage: true,
    tokenLimitField: 'max_completion_tokens',
    modelPattern: /^(?:gpt-|chatgpt-|o\d(?:$|-))/i,
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    wireFormat: 'anthropic-messages',
    defaultBaseUrl: 'https://api.anthropic.com',
    requiresKey: true,
    envKeys: ['ANTHROPIC_API_KEY'],
    streamUsage: false,
    modelPattern: /^claude-/i,
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    wireFormat: 'gemini-generate-content',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    requiresKey: true,
    envKeys: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
    streamUsage: false,
    modelPattern: /^(?:models\/)?gemini-/i,
  },
  {
    id: 'xai',
    label: 'xAI',
    wireFormat: 'openai-chat',
    defaultBaseUrl: 'https://api.x.ai/v1',
    requiresKey: true,
    envKeys: ['XAI_API_KEY'],
    streamUsage: true,
    tokenLimitField: 'max_completion_tokens',
    modelPattern: /^grok-/i,
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    wireFormat: 'openai-chat',
    defaultBaseUrl: 'https://api.deepseek.com/v1',
    requiresKey: true,
    envKeys: ['DEEPSEEK_API_KEY'],
    streamUsage: true,
    tokenLimitField: 'max_tokens',
    modelPattern: /^deepseek-/i,
  },
  {
    id: 'mistral',
    label: 'Mistral',
    wireFormat: 'openai-chat',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    requiresKey: true,
    envKeys: ['MISTRAL_API_KEY'],
    streamUsage: false,
    tokenLimitField: 'max_tokens',
    modelPattern: /^(?:mistral-|ministral-|codestral-|magistral-|devstral-)/i,
  },
  {
    id: 'ollama',
    label: 'Ollama (local)',
    wireFormat: 'openai-chat',
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    requiresKey: false,
    envKeys: [],
    streamUsage: true,
    tokenLimitField: 'max_tokens',
  },
];

export const PROVIDERS: ReadonlyMap<string, ProviderInfo> = new Map(list.map((p) => [p.id, p]));
export const PROVIDER_IDS: readonly string[] = list.map((p) => p.id);
export const KEYED_PROVIDER_IDS: readonly string[] = list.filter((p) => p.requiresKey).map((p) => p.id);

/** The display name of a provider id ("openai" → "OpenAI"); an unknown id is shown as is. */
export function providerLabel(id: string): string {
  return PROVIDERS.get(id)?.label ?? id;
}

/**
 * A model as messages name it: "OpenAI gpt-5.4-mini", "Ollama (local) llama3.1". A spec that names
 * no known provider is shown as written.
 */
export function modelLabel(spec: string): string {
  const ref = resolveModelSpec(spec);
  return 'model' in ref ? `${providerLabel(ref.provider)} ${ref.model}` : spec;
}

export interface ModelRef {
  provider: string;
  model: string;
}

export type ModelRefProblem =
  | { kind: 'invalid'; spec: string }
  | { kind: 'unknown-provider'; provider: string }
  | { kind: 'undetectable'; spec: string }
  | { kind: 'ambiguous'; spec: string; providers: string[] };

/**
 * The provider and model a spec names. `provider:model` wins (split at the first colon: model
 * names may contain colons, llama3.1:8b). Otherwise the whole spec is a bare model id, resolved
 * by its family prefix (gpt-, o3, claude-, gemini-, grok-, deepseek-, mistral-…). A bare id with
 * a ":tag" is also how Ollama names models (gpt-oss:20b, deepseek-r1:8b), so such an id is
 * ambiguous and must be written with its provider. Returns the problem instead of throwing, so
 * each side raises its own typed error.
 */
export function resolveModelSpec(spec: string): ModelRef | ModelRefProblem {
  const text = spec.trim();
  if (text === '') return { kind: 'invalid', spec };
  const at = text.indexOf(':');
  if (at > 0) {
    const provider = text.slice(0, at).trim().toLowerCase();
    const model = text.slice(at + 1).trim();
    if (PROVIDERS.has(provider)) return model === '' ? { kind: 'invalid', spec } : { provider, model };
  }
  const families = list.filter((p) => p.modelPattern?.test(text)).map((p) => p.id);
  if (families.length > 0 && at > 0) return { kind: 'ambiguous', spec: text, providers: [...families, 'ollama'] };
  if (families.length === 1) return { provider: families[0], model: text };
  if (families.length > 1) return { kind: 'ambiguous', spec: text, providers: families };
  // "acme:big": the part before the colon reads as a provider name Samsara does not know.
  if (at > 0 && /^[a-z][a-z0-9_-]*$/i.test(text.slice(0, at).trim())) {
    return { kind: 'unknown-provider', provider: text.slice(0, at).trim().toLowerCase() };
  }
  if (at === 0 || text.endsWith(':')) return { kind: 'invalid', spec };
  return { kind: 'undetectable', spec: text };
}

/** Kept for callers that only split (the explicit form); same rules as resolveModelSpec. */
export const splitModelRef = resolveModelSpec;

export function describeModelRefProblem(problem: ModelRefProblem): string {
  switch (problem.kind) {
    case 'invalid':
      return `Model "${problem.spec}" is not of the form provider:model (e.g. openai:gpt-5.4-mini, ollama:llama3.1).`;
    case 'unknown-provider':
      return `Unknown provider "${problem.provider}". Name models as provider:model with one of: ${PROVIDER_IDS.join(', ')} (e.g. openai:gpt-5.4-mini).`;
    case 'undetectable':
      return `Cannot tell which provider serves "${problem.spec}". Write it as provider:model with one of: ${PROVIDER_IDS.join(', ')} (e.g. ollama:${problem.spec}).`;
    case 'ambiguous':
      return `"${problem.spec}" could be a model of ${problem.providers.join(' or ')}. Write it as provider:model (e.g. ${problem.providers.map((p) => `${p}:${problem.spec}`).join(' or ')}).`;
  }
}
