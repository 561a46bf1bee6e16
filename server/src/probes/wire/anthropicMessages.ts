// Anthropic Messages: POST /v1/messages with x-api-key and anthropic-version. The system
// prompt is a top-level field, not a message; max_tokens is required.
import { z } from 'zod';
import { joinApiUrl, parseWith, type WireFormat } from './wireFormat';

export const ANTHROPIC_VERSION = '2023-06-01';
const MAX_TOKENS = 1024;

const replySchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  usage: z.object({ input_tokens: z.number().int().nonnegative(), output_tokens: z.number().int().nonnegative() }).partial().optional(),
});

const errorSchema = z.object({
  type: z.literal('error').optional(),
  error: z.object({ type: z.string().optional(), message: z.string().optional() }),
});

export const anthropicMessages: WireFormat = {
  name: 'anthropic-messages',
  buildRequest({ baseUrl, model, apiKey, system, messages }) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'anthropic-version': ANTHROPIC_VERSION,
    };
    if (apiKey) headers['x-api-key'] = apiKey;
    const body = { model, max_tokens: MAX_TOKENS, system, messages: messages.map((m) => ({ role: m.role, content: m.content })) };
    return { url: joinApiUrl(baseUrl, 'v1', 'messages'), headers, body: JSON.stringify(body) };
  },
  parseReply(body) {
    const reply = parseWith(replySchema, body, 'Anthropic message');
    const text = reply.content
      .filter((block) => block.type === 'text')
      .map((block) => block.text ?? '')
      .join('');
    return {
      text,
      inputTokens: reply.usage?.input_tokens,
      outputTokens: reply.usage?.output_tokens,
      modelVersion: reply.model,
      bodyId: reply.id,
    };
  },
  parseError(body) {
    const parsed = errorSchema.safeParse(body);
    if (!parsed.success) return {};
    return { message: parsed.data.error.message, type: parsed.data.error.type };
  },
};
