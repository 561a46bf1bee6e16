// Provider registry: which wire format each provider speaks, its default base URL, and whether
// it needs a key. Models are named provider:model ("openai:gpt-4o", "ollama:llama3.1").
import { InvalidBaseUrlError, InvalidModelError, MissingKeyError, UnknownProviderError } from './errors';
import { anthropicMessages } from './wire/anthropicMessages';
import { geminiGenerateContent } from './wire/geminiGenerateContent';
import { openaiChat } from './wire/openaiChat';
import type { WireFormat } from './wire/wireFormat';

export interface ProviderInfo {
  id: string;
  label: string;
  wire: WireFormat;
  defaultBaseUrl: string;
  requiresKey: boolean;
}

const list: ProviderInfo[] = [
  { id: 'openai', label: 'OpenAI', wire: openaiChat, defaultBaseUrl: 'https://api.openai.com/v1', requiresKey: true },
  { id: 'anthropic', label: 'Anthropic', wire: anthropicMessages, defaultBaseUrl: 'https://api.anthropic.com', requiresKey: true },
  {
    id: 'gemini',
    label: 'Google Gemini',
    wire: geminiGenerateContent,
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    requiresKey: true,
  },
  { id: 'xai', label: 'xAI', wire: openaiChat, defaultBaseUrl: 'https://api.x.ai/v1', requiresKey: true },
  { id: 'deepseek', label: 'DeepSeek', wire: openaiChat, defaultBaseUrl: 'https://api.deepseek.com/v1', requiresKey: true },
  { id: 'mistral', label: 'Mistral', wire: openaiChat, defaultBaseUrl: 'https://api.mistral.ai/v1', requiresKey: true },
  { id: 'ollama', label: 'Ollama (local)', wire: openaiChat, defaultBaseUrl: 'http://127.0.0.1:11434/v1', requiresKey: false },
];

export const PROVIDERS: ReadonlyMap<string, ProviderInfo> = new Map(list.map((p) => [p.id, p]));
export const PROVIDER_IDS: readonly string[] = list.map((p) => p.id);
export const KEYED_PROVIDER_IDS: readonly string[] = list.filter((p) => p.requiresKey).map((p) => p.id);

export interface ModelRef {
  provider: string;
  model: string;
}

/** Splits "provider:model" at the first colon; model names may contain colons (llama3.1:8b). */
export function parseModelRef(spec: string): ModelRef {
  const at = spec.indexOf(':');
  const provider = spec.slice(0, at).trim().toLowerCase();
  const model = spec.slice(at + 1).trim();
  if (at <= 0 || model === '') throw new InvalidModelError(spec);
  if (!PROVIDERS.has(provider)) throw new UnknownProviderError(provider, PROVIDER_IDS);
  return { provider, model };
}

export function providerInfo(id: string): ProviderInfo {
  const info = PROVIDERS.get(id);
  if (!info) throw new UnknownProviderError(id, PROVIDER_IDS);
  return info;
}

export interface ResolvedEndpoint {
  info: ProviderInfo;
  baseUrl: string;
  apiKey: string | undefined;
}

/** Picks the base URL (override or default) and checks the key requirement. */
export function resolveEndpoint(ref: ModelRef, apiKey: string | undefined, baseUrl: string | undefined): ResolvedEndpoint {
  const info = providerInfo(ref.provider);
  const key = apiKey && apiKey.trim() !== '' ? apiKey.trim() : undefined;
  if (info.requiresKey && !key) throw new MissingKeyError(info.id);
  const base = baseUrl && baseUrl.trim() !== '' ? baseUrl.trim() : info.defaultBaseUrl;
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new InvalidBaseUrlError(info.id);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidBaseUrlError(info.id);
  return { info, baseUrl: base, apiKey: key };
}
