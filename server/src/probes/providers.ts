// The server's side of the provider table (shared/probes/providers.ts): each wire format name
// mapped to its implementation, model names parsed with typed errors, and the endpoint (base URL
// and key) resolved. The rule "this provider needs a key" is decided here and nowhere else.
import {
  describeModelRefProblem,
  PROVIDER_IDS,
  PROVIDERS,
  resolveModelSpec,
  type ModelRef,
  type ProviderInfo,
  type WireFormatName,
} from '../../../shared/probes/providers';
import { InvalidBaseUrlError, InvalidKeyError, InvalidModelError, MissingKeyError, UnknownProviderError } from './errors';
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

/** "provider:model", or a bare model id of a known family; see resolveModelSpec for the rules. */
export function parseModelRef(spec: string): ModelRef {
  const result = resolveModelSpec(spec);
  if (!('kind' in result)) return result;
  if (result.kind === 'unknown-provider') throw new UnknownProviderError(result.provider, PROVIDER_IDS);
  throw new InvalidModelError(
    spec,
    describeModelRefProblem(result),
    result.kind === 'ambiguous' ? 'PROBE_AMBIGUOUS_MODEL' : 'PROBE_INVALID_MODEL',
  );
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
  /** Everything that must never be printed: the key and any password in the base URL. */
  secrets: string[];
}

/** What an HTTP header can carry: visible ASCII. A line break would otherwise fail as a "network error". */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Picks the base URL (override or default) and checks the key requirement and the key's characters. */
export function resolveEndpoint(ref: ModelRef, apiKey: string | undefined, baseUrl: string | undefined): ResolvedEndpoint {
  const info = providerInfo(ref.provider);
  const key = apiKey && apiKey.trim() !== '' ? apiKey.trim() : undefined;
  if (info.requiresKey && !key) throw new MissingKeyError(info.id, info.label);
  if (key !== undefined && !HEADER_SAFE.test(key)) throw new InvalidKeyError(info.id, info.label);
  const base = baseUrl && baseUrl.trim() !== '' ? baseUrl.trim() : info.defaultBaseUrl;
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new InvalidBaseUrlError(info.id, info.label);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidBaseUrlError(info.id, info.label);
  const secrets = [key, decodeURIComponent(parsed.password)].filter((s): s is string => s !== undefined && s !== '');
  return { info, wire: wireFormatOf(info), baseUrl: base, apiKey: key, secrets };
}
