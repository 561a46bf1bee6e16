// Gemini generateContent: POST /v1beta/models/{model}:generateContent. The key travels in the
// x-goog-api-key header (never the URL, which may be logged); the system prompt is
// systemInstruction and the assistant's role is "model".
import { z } from 'zod';
import { joinApiUrl, parseWith, type WireFormat } from './wireFormat';

const replySchema = z.object({
  candidates: z
    .array(
      z.object({
        content: z.object({ parts: z.array(z.object({ text: z.string().optional() })).optional() }).optional(),
        finishReason: z.string().optional(),
      }),
    )
    .min(1),
  usageMetadata: z
    .object({ promptTokenCount: z.number().int().nonnegative(), candidatesTokenCount: z.number().int().nonnegative() })
    .partial()
    .optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});

const errorSchema = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
});

/** "30s" or "1.5s" (protobuf Duration JSON) to milliseconds. */
function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

export const geminiGenerateContent: WireFormat = {
  name: 'gemini-generate-content',
  buildRequest({ baseUrl, model, apiKey, system, messages }) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (apiKey) headers['x-goog-api-key'] = apiKey;
    const name = encodeURIComponent(model.replace(/^models\//, ''));
    const body = {
      systemInstruction: { parts: [{ text: system }] },
      contents: messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
    };
    return { url: joinApiUrl(baseUrl, 'v1beta', `models/${name}:generateContent`), headers, body: JSON.stringify(body) };
  },
  parseReply(body) {
    const reply = parseWith(replySchema, body, 'Gemini generateContent response');
    const parts = reply.candidates[0].content?.parts ?? [];
    return {
      text: parts.map((p) => p.text ?? '').join(''),
      inputTokens: reply.usageMetadata?.promptTokenCount,
      outputTokens: reply.usageMetadata?.candidatesTokenCount,
      modelVersion: reply.modelVersion,
      bodyId: reply.responseId,
    };
  },
  parseError(body) {
    const parsed = errorSchema.safeParse(body);
    if (!parsed.success) return {};
    const { message, status, details } = parsed.data.error;
    const retryInfo = details?.find((d) => String(d['@type'] ?? '').endsWith('google.rpc.RetryInfo'));
    return { message, type: status, retryAfterMs: durationMs(retryInfo?.retryDelay) };
  },
};
