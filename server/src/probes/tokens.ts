// Token counts before sending (the estimate and the cost confirmation) and when a provider
// reports none. OpenAI models are counted with OpenAI's own encodings (o200k_base for GPT-4o,
// GPT-4.1, GPT-5 and the o-series; cl100k_base for GPT-4 and GPT-3.5); every other model is
// estimated at 4 characters a token, the usual rule of thumb for English text (other providers
// do not publish their tokenizers; expect ±30%, more for code or non-Latin scripts).
import type { OpenAiEncoding } from './tokenizer/openaiTokenizer';

export type TokenMethod = OpenAiEncoding | 'chars';

export interface TokenCounter {
  method: TokenMethod;
  count(text: string): number;
}

/** Rough count (about 4 characters a token) for models without a public tokenizer. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const charCounter: TokenCounter = { method: 'chars', count: estimateTokens };

/** The encoding of an OpenAI model id, or undefined when it is not one. */
export function openAiEncoding(provider: string, model: string): OpenAiEncoding | undefined {
  if (provider !== 'openai') return undefined;
  const id = model.toLowerCase();
  // gpt-4, gpt-4-turbo, gpt-4-0613, gpt-3.5-turbo; not gpt-4o or gpt-4.1 (o200k, as everything newer).
  return /^gpt-4(?:$|-)|^gpt-3\.5/.test(id) ? 'cl100k_base' : 'o200k_base';
}

let loaded: Promise<typeof import('./tokenizer/openaiTokenizer') | undefined> | undefined;

/** Loads the tokenizer bundle once; a missing bundle falls back to the character estimate. */
function tokenizer(): Promise<typeof import('./tokenizer/openaiTokenizer') | undefined> {
  loaded ??= import('./tokenizer/openaiTokenizer').catch(() => undefined);
  return loaded;
}

export async function counterFor(provider: string, model: string): Promise<TokenCounter> {
  const encoding = openAiEncoding(provider, model);
  if (!encoding) return charCounter;
  const module = await tokenizer();
  if (!module) return charCounter;
  return { method: encoding, count: (text) => module.countOpenAiTokens(text, encoding) };
}
