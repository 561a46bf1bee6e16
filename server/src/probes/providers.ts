// The server's side of the provider table (shared/probes/providers.ts): each wire format name
// mapped to its implementation, model names parsed with typed errors, and the endpoint (base URL
// and key) resolved. The rule "this provider needs a key" is decided here and nowhere else.
import {
  describeModelRefProblem,
  PROVIDER_IDS,
  PROVIDERS,
  splitModelRef,
  type ModelRef,
  type ProviderInfo,
  type WireFormatName,
} from '../../../shared/probes/providers';
import { InvalidBaseUrlError, InvalidModelError, MissingKeyError, UnknownProviderError } from './errors';
import { anthropicMessages } from './wire/anthropicMessages';
import { geminiGenerateContent } from './wire/geminiGenerateContent';
import { openaiChat } from './wire/openaiChat';
import type { WireFormat } from './wire/wireFormat';

const WIRE_FORMATS: Readonly<Record<WireFormatName, WireFormat>> = {
  'openai-chat': openaiChat,
  'anthropic-messages': anthropicMessages,
  'gemini-generate-content': geminiGenerateContent,
};

export function wireFormatOf(info: ProviderInfo): WireFormat {
  return WIRE_FORMATS[info.wireFormat];
}

/** Splits "provider:model" at the first colon; model names may contain colons (llama3.1:8b). */
export function parseModelRef(spec: string): ModelRef {
  const result = splitModelRef(spec);
  if ('kind' in result) {
    if (result.kind === 'invalid') throw new InvalidModelError(spec, describeModelRefProblem(result));
    throw new UnknownProviderError(result.provider, PROVIDER_IDS);
  }
  return result;
}

export function providerInfo(id: string): ProviderInfo {
  const info = PROVIDERS.get(id);
  if (!info) throw new UnknownProviderError(id, PROVIDER_IDS);
  return info;
}

export interface ResolvedEndpoint {
  info: ProviderInfo;
  wire: WireFormat;
  baseUrl: string;
  apiKey: string | undefined;
}

/** Picks the base URL (override or default) and checks the key requirement. */
export function resolveEndpoint(ref: ModelRef, apiKey: string | undefined, baseUrl: string | undefined): ResolvedEndpoint {
  const info = providerInfo(ref.provider);
  const key = apiKey && apiKey.trim() !== '' ? apiKey.trim() : undefined;
  if (info.requiresKey && !key) throw new MissingKeyError(info.id, info.label);
  const base = baseUrl && baseUrl.trim() !== '' ? baseUrl.trim() : info.defaultBaseUrl;
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new InvalidBaseUrlError(info.id);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidBaseUrlError(info.id);
  return { info, wire: wireFormatOf(info), baseUrl: base, apiKey: key };
}
