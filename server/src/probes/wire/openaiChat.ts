// OpenAI-style POST /chat/completions, spoken by OpenAI, xAI, DeepSeek, Mistral and Ollama's
// OpenAI endpoint. The system prompt is the first message with role "system".
import { z } from 'zod';
import { joinApiUrl, parseWith, type WireFormat } from './wireFormat';

const replySchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  system_fingerprint: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).partial().nullish(),
});

const errorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

export const openaiChat: WireFormat = {
  name: 'openai-chat',
  buildRequest({ baseUrl, model, apiKey, system, messages }) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const body = {
      model,
      messages: [{ role: 'system', content: system }, ...messages.map((m) => ({ role: m.role, content: m.content }))],
      stream: false,
    };
    return { url: joinApiUrl(baseUrl, 'v1', 'chat/completions'), headers, body: JSON.stringify(body) };
  },
  parseReply(body) {
    const reply = parseWith(replySchema, body, 'chat completion');
    const message = reply.choices[0].message;
    return {
      text: message.content ?? message.refusal ?? '',
      inputTokens: reply.usage?.prompt_tokens,
      outputTokens: reply.usage?.completion_tokens,
      modelVersion: reply.model,
      systemFingerprint: reply.system_fingerprint ?? undefined,
      bodyId: reply.id,
    };
  },
  parseError(body) {
    const parsed = errorSchema.safeParse(body);
    if (!parsed.success) return {};
    const { message, type, code } = parsed.data.error;
    // insufficient_quota arrives in `code` and `type`; keep whichever names the condition best.
    return { message, type: typeof code === 'string' ? code : (type ?? undefined) };
  },
};
