// Anthropic Messages: POST /v1/messages with x-api-key and anthropic-version. The system
// prompt is a top-level field, not a message; max_tokens is required. Streaming sends named
// events: message_start (model, input tokens), content_block_delta (text), message_delta
// (stop_reason, output tokens), message_stop, ping, and error.
import { z } from 'zod';
import type { FinishKind } from '../../../../shared/probes/transcript';
import { parseErrorBody } from './errorBody';
import {
  DEFAULT_MAX_TOKENS,
  eventJson,
  joinApiUrl,
  parseWith,
  readUsage,
  type StreamParser,
  type WireFormat,
  type WireReply,
} from './wireFormat';

export const ANTHROPIC_VERSION = '2023-06-01';

const usageSchema = z.object({ input_tokens: z.unknown(), output_tokens: z.unknown() }).partial().nullish();

const replySchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullish(),
  usage: usageSchema,
});

const streamEventSchema = z.object({
  type: z.string(),
  message: z.object({ id: z.string().optional(), model: z.string().optional(), usage: usageSchema }).partial().optional(),
  delta: z.object({ type: z.string().optional(), text: z.string().optional(), stop_reason: z.string().nullish() }).partial().optional(),
  usage: usageSchema,
});

const modelsSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

const FINISH: Record<string, FinishKind> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  refusal: 'refused',
  tool_use: 'tool',
};

function finishOf(reason: string | null | undefined): FinishKind | undefined {
  return reason ? (FINISH[reason] ?? 'other') : undefined;
}

function headers(apiKey: string | undefined): Record<string, string> {
  const out: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION };
  if (apiKey) out['x-api-key'] = apiKey;
  return out;
}

export const anthropicMessages: WireFormat = {
  name: 'anthropic-messages',
  maxTemperature: 1,
  parameterFields({ maxTokens, temperature }) {
    // max_tokens is required by the Messages API.
    return { max_tokens: maxTokens ?? DEFAULT_MAX_TOKENS, ...(temperature !== undefined ? { temperature } : {}) };
  },
  buildRequest({ baseUrl, model, apiKey, system, messages, stream, sampling }) {
    const h: Record<string, string> = { 'content-type': 'application/json', ...headers(apiKey) };
    if (stream) h.accept = 'text/event-stream';
    const body = {
      model,
      ...anthropicMessages.parameterFields(sampling),
      ...(system ? { system } : {}),
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      stream,
    };
    return { method: 'POST', url: joinApiUrl(baseUrl, 'v1', 'messages'), headers: h, body: JSON.stringify(body) };
  },
  parseReply(body) {
    const reply = parseWith(replySchema, body, 'Anthropic message');
    const text = reply.content
      .filter((block) => block.type === 'text')
      .map((block) => block.text ?? '')
      .join('');
    return {
      text,
      ...readUsage([
        ['usage.input_tokens', reply.usage?.input_tokens, 'inputTokens'],
        ['usage.output_tokens', reply.usage?.output_tokens, 'outputTokens'],
      ]),
      finish: finishOf(reply.stop_reason),
      finishReason: reply.stop_reason ?? undefined,
      modelVersion: reply.model,
      bodyId: reply.id,
    };
  },
  parseError: parseErrorBody,
  streamParser(): StreamParser {
    let text = '';
    let reason: string | undefined;
    let input: unknown;
    let output: unknown;
    const reply: Omit<WireReply, 'text'> = {};
    return {
      push(event) {
        const json = eventJson(event, 'Anthropic stream');
        const parsed = parseWith(streamEventSchema, json, 'Anthropic stream event');
        switch (parsed.type) {
          case 'error':
            return { error: parseErrorBody(json) };
          case 'message_start':
            reply.modelVersion = parsed.message?.model;
            reply.bodyId = parsed.message?.id;
            input = parsed.message?.usage?.input_tokens;
            output = parsed.message?.usage?.output_tokens ?? output;
            return {};
          case 'content_block_delta': {
            const delta = parsed.delta?.type === 'text_delta' ? parsed.delta.text : undefined;
            if (delta) text += delta;
            return delta ? { delta } : {};
          }
          case 'message_delta':
            reason = parsed.delta?.stop_reason ?? reason;
            // message_delta's usage is cumulative: the last one holds the totals.
            output = parsed.usage?.output_tokens ?? output;
            input = parsed.usage?.input_tokens ?? input;
            return {};
          default:
            return {};
        }
      },
      finish() {
        return {
          ...reply,
          text,
          ...readUsage([
            ['usage.input_tokens', input, 'inputTokens'],
            ['usage.output_tokens', output, 'outputTokens'],
          ]),
          finish: finishOf(reason),
          finishReason: reason,
        };
      },
    };
  },
  modelsRequest(baseUrl, apiKey) {
    return { method: 'GET', url: joinApiUrl(baseUrl, 'v1', 'models?limit=1000'), headers: headers(apiKey) };
  },
  parseModels(body) {
    return parseWith(modelsSchema, body, 'model list').data.map((m) => m.id);
  },
};
