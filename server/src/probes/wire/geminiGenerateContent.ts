// Gemini generateContent: POST /v1beta/models/{model}:generateContent (streaming:
// :streamGenerateContent?alt=sse, each event a partial response). The key travels in the
// x-goog-api-key header (never the URL, which may be logged); the system prompt is
// systemInstruction and the assistant's role is "model". A prompt Gemini refuses to answer comes
// back with no candidates and promptFeedback.blockReason: that is "blocked", not malformed.
import { z } from 'zod';
import type { FinishKind } from '../../../../shared/probes/transcript';
import { parseErrorBody } from './errorBody';
import {
  eventJson,
  joinApiUrl,
  parseWith,
  readUsage,
  type StreamParser,
  type WireErrorDetail,
  type WireFormat,
  type WireReply,
} from './wireFormat';

const responseSchema = z.object({
  candidates: z
    .array(
      z.object({
        content: z
          .object({ parts: z.array(z.object({ text: z.string().optional(), thought: z.boolean().optional() })).optional() })
          .optional(),
        finishReason: z.string().optional(),
      }),
    )
    .optional(),
  promptFeedback: z.object({ blockReason: z.string().optional() }).optional(),
  usageMetadata: z.object({ promptTokenCount: z.unknown(), candidatesTokenCount: z.unknown() }).partial().optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});
type GeminiResponse = z.infer<typeof responseSchema>;

const errorDetailsSchema = z.object({ error: z.object({ details: z.array(z.record(z.string(), z.unknown())).optional() }) });

const modelsSchema = z.object({
  models: z.array(z.object({ name: z.string(), supportedGenerationMethods: z.array(z.string()).optional() })).optional(),
});

const FINISH: Record<string, FinishKind> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'filtered',
  RECITATION: 'filtered',
  BLOCKLIST: 'filtered',
  PROHIBITED_CONTENT: 'filtered',
  SPII: 'filtered',
  IMAGE_SAFETY: 'filtered',
  LANGUAGE: 'filtered',
  MALFORMED_FUNCTION_CALL: 'tool',
  UNEXPECTED_TOOL_CALL: 'tool',
};

/** "30s" or "1.5s" (protobuf Duration JSON) to milliseconds. */
function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function headers(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { 'x-goog-api-key': apiKey } : {};
}

/** Text of the first candidate, without "thought" parts (thinking models' reasoning). */
function textOf(response: GeminiResponse): string {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts
    .filter((p) => p.thought !== true)
    .map((p) => p.text ?? '')
    .join('');
}

function usageOf(response: GeminiResponse) {
  return readUsage([
    ['usageMetadata.promptTokenCount', response.usageMetadata?.promptTokenCount, 'inputTokens'],
    ['usageMetadata.candidatesTokenCount', response.usageMetadata?.candidatesTokenCount, 'outputTokens'],
  ]);
}

/** The enum's unused default: schema-generated and some proxy replies carry it on every answer. It blocks nothing. */
const NO_BLOCK = 'BLOCK_REASON_UNSPECIFIED';

/** A block reason that means a block; the default value does not. */
function realBlockReason(response: GeminiResponse): string | undefined {
  const reason = response.promptFeedback?.blockReason;
  return reason && reason !== NO_BLOCK ? reason : undefined;
}

/** Finish facts of a (final) response: a block of the prompt wins over any candidate's reason. */
function finishFacts(response: GeminiResponse): Pick<WireReply, 'finish' | 'finishReason' | 'blockReason'> {
  const blockReason = realBlockReason(response);
  if (blockReason) return { finish: 'blocked', finishReason: blockReason, blockReason };
  const reason = response.candidates?.[0]?.finishReason;
  if (!response.candidates || response.candidates.length === 0) return { finish: 'other', finishReason: 'no candidates in the reply' };
  return { finish: reason ? (FINISH[reason] ?? 'other') : undefined, finishReason: reason };
}

export const geminiGenerateContent: WireFormat = {
  name: 'gemini-generate-content',
  maxTemperature: 2,
  parameterFields({ maxTokens, temperature }) {
    return {
      ...(temperature !== undefined ? { 'generationConfig.temperature': temperature } : {}),
      ...(maxTokens !== undefined ? { 'generationConfig.maxOutputTokens': maxTokens } : {}),
    };
  },
  buildRequest({ baseUrl, model, apiKey, system, messages, stream, sampling }) {
    const h: Record<string, string> = { 'content-type': 'application/json', ...headers(apiKey) };
    const name = encodeURIComponent(model.replace(/^models\//, ''));
    const body = {
      ...(system ? { systemInstruction: { parts: [{ text: system }] } } : {}),
      contents: messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
      ...(sampling.temperature !== undefined || sampling.maxTokens !== undefined
        ? {
            generationConfig: {
              ...(sampling.temperature !== undefined ? { temperature: sampling.temperature } : {}),
              ...(sampling.maxTokens !== undefined ? { maxOutputTokens: sampling.maxTokens } : {}),
            },
          }
        : {}),
    };
    const path = stream ? `models/${name}:streamGenerateContent?alt=sse` : `models/${name}:generateContent`;
    return { method: 'POST', url: joinApiUrl(baseUrl, 'v1beta', path), headers: h, body: JSON.stringify(body) };
  },
  parseReply(body) {
    const response = parseWith(responseSchema, body, 'Gemini generateContent response');
    return {
      text: textOf(response),
      ...usageOf(response),
      ...finishFacts(response),
      modelVersion: response.modelVersion,
      bodyId: response.responseId,
    };
  },
  parseError(body): WireErrorDetail {
    const detail = parseErrorBody(body);
    const parsed = errorDetailsSchema.safeParse(body);
    const retryInfo = parsed.success
      ? parsed.data.error.details?.find((d) => String(d['@type'] ?? '').endsWith('google.rpc.RetryInfo'))
      : undefined;
    const retryAfterMs = durationMs(retryInfo?.retryDelay);
    return retryAfterMs === undefined ? detail : { ...detail, retryAfterMs };
  },
  streamParser(): StreamParser {
    let text = '';
    let last: GeminiResponse = {};
    let sawCandidate = false;
    return {
      push(event) {
        const json = eventJson(event, 'Gemini stream');
        if ((json as { error?: unknown }).error !== undefined) return { error: geminiGenerateContent.parseError(json) };
        const response = parseWith(responseSchema, json, 'Gemini stream event');
        // Usage and finish reason are cumulative: the last event that carries them holds the totals.
        last = {
          ...last,
          ...response,
          usageMetadata: response.usageMetadata ?? last.usageMetadata,
          modelVersion: response.modelVersion ?? last.modelVersion,
          responseId: response.responseId ?? last.responseId,
          promptFeedback: response.promptFeedback ?? last.promptFeedback,
          candidates: response.candidates ?? last.candidates,
        };
        if (response.candidates && response.candidates.length > 0) sawCandidate = true;
        const delta = textOf(response);
        if (delta) text += delta;
        return delta ? { delta } : {};
      },
      finish() {
        const facts = sawCandidate || realBlockReason(last) ? finishFacts(last) : finishFacts({ candidates: [] });
        return { text, ...usageOf(last), ...facts, modelVersion: last.modelVersion, bodyId: last.responseId };
      },
    };
  },
  modelsRequest(baseUrl, apiKey) {
    return { method: 'GET', url: joinApiUrl(baseUrl, 'v1beta', 'models?pageSize=1000'), headers: headers(apiKey) };
  },
  parseModels(body) {
    const list = parseWith(modelsSchema, body, 'model list').models ?? [];
    return list
      .filter((m) => !m.supportedGenerationMethods || m.supportedGenerationMethods.includes('generateContent'))
      .map((m) => m.name.replace(/^models\//, ''));
  },
};
