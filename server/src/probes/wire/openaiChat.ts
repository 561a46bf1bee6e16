// OpenAI-style POST /chat/completions, spoken by OpenAI, xAI, DeepSeek, Mistral and Ollama's
// OpenAI endpoint. The system prompt is the first message with role "system". Streaming sends
// `data: {chunk}` events ending with `data: [DONE]`; usage comes in a last chunk with no choices
// when stream_options.include_usage is set (Mistral sends it unasked).
import { z } from 'zod';
import type { FinishKind } from '../../../../shared/probes/transcript';
import { parseErrorBody } from './errorBody';
import { eventJson, joinApiUrl, parseWith, readUsage, type StreamParser, type WireFormat, type WireReply } from './wireFormat';

// Counts are read loosely here and checked by readUsage: a bad count must not discard the reply.
const usageSchema = z.object({ prompt_tokens: z.unknown(), completion_tokens: z.unknown() }).partial().nullish();

const replySchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  system_fingerprint: z.string().nullish(),
  choices: z.array(
    z.object({
      message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: usageSchema,
});

const chunkSchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  system_fingerprint: z.string().nullish(),
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).partial().nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema,
});

const modelsSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

const FINISH: Record<string, FinishKind> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'filtered',
  tool_calls: 'tool',
  function_call: 'tool',
};

function finishOf(reason: string | null | undefined, refused: boolean): FinishKind | undefined {
  if (refused) return 'refused';
  if (!reason) return undefined;
  return FINISH[reason] ?? 'other';
}

function usageOf(usage: z.infer<typeof usageSchema>) {
  return readUsage([
    ['usage.prompt_tokens', usage?.prompt_tokens, 'inputTokens'],
    ['usage.completion_tokens', usage?.completion_tokens, 'outputTokens'],
  ]);
}

function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

export const openaiChat: WireFormat = {
  name: 'openai-chat',
  maxTemperature: 2,
  parameterFields({ maxTokens, temperature, tokenLimitField }) {
    // The limit's name differs by dialect: OpenAI and xAI take max_completion_tokens (max_tokens is
    // deprecated, and refused by reasoning models); DeepSeek, Mistral and Ollama take max_tokens,
    // and Mistral rejects a field it does not know. Nothing is sent unless the scenario sets it.
    return {
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxTokens !== undefined ? { [tokenLimitField ?? 'max_tokens']: maxTokens } : {}),
    };
  },
  buildRequest({ baseUrl, model, apiKey, system, messages, stream, streamUsage, sampling }) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...authHeaders(apiKey) };
    if (stream) headers.accept = 'text/event-stream';
    const body = {
      model,
      // No system message when there is no system prompt (a bare --prompt from the command line).
      messages: [...(system ? [{ role: 'system', content: system }] : []), ...messages.map((m) => ({ role: m.role, content: m.content }))],
      ...openaiChat.parameterFields(sampling),
      stream,
      ...(stream && streamUsage ? { stream_options: { include_usage: true } } : {}),
    };
    return { method: 'POST', url: joinApiUrl(baseUrl, 'v1', 'chat/completions'), headers, body: JSON.stringify(body) };
  },
  parseReply(body) {
    const reply = parseWith(replySchema, body, 'chat completion');
    const choice = reply.choices[0];
    const base = {
      ...usageOf(reply.usage),
      modelVersion: reply.model,
      systemFingerprint: reply.system_fingerprint ?? undefined,
      bodyId: reply.id,
    };
    // No choices at all: nothing was generated (a filtered prompt on some compatibles). Not malformed.
    if (!choice) return { ...base, text: '', finish: 'other', finishReason: 'no choices in the reply' };
    const refusal = choice.message.refusal ?? undefined;
    const text = choice.message.content ?? refusal ?? '';
    return {
      ...base,
      text,
      finish: finishOf(choice.finish_reason, refusal !== undefined && !choice.message.content),
      finishReason: choice.finish_reason ?? (refusal !== undefined ? 'refusal' : undefined),
    };
  },
  parseError: parseErrorBody,
  streamParser(): StreamParser {
    let text = '';
    let refusal = '';
    let reason: string | undefined;
    let sawChoice = false;
    const reply: Omit<WireReply, 'text'> = {};
    return {
      push(event) {
        if (event.data.trim() === '[DONE]') return {};
        const json = eventJson(event, 'chat completion stream');
        const error = (json as { error?: unknown }).error;
        if (error !== undefined) return { error: parseErrorBody(json) };
        const chunk = parseWith(chunkSchema, json, 'chat completion chunk');
        if (chunk.model) reply.modelVersion = chunk.model;
        if (chunk.system_fingerprint) reply.systemFingerprint = chunk.system_fingerprint;
        if (chunk.id) reply.bodyId = chunk.id;
        if (chunk.usage) Object.assign(reply, usageOf(chunk.usage));
        const choice = chunk.choices?.[0];
        if (!choice) return {};
        sawChoice = true;
        if (choice.finish_reason) reason = choice.finish_reason;
        if (choice.delta?.refusal) refusal += choice.delta.refusal;
        const delta = choice.delta?.content ?? undefined;
        if (delta) text += delta;
        return delta ? { delta } : choice.delta?.refusal ? { delta: choice.delta.refusal } : {};
      },
      finish() {
        if (!sawChoice) return { ...reply, text: '', finish: 'other', finishReason: 'no choices in the reply' };
        const refused = refusal !== '' && text === '';
        return {
          ...reply,
          text: text || refusal,
          finish: finishOf(reason, refused),
          finishReason: reason ?? (refused ? 'refusal' : undefined),
        };
      },
    };
  },
  modelsRequest(baseUrl, apiKey) {
    return { method: 'GET', url: joinApiUrl(baseUrl, 'v1', 'models'), headers: authHeaders(apiKey) };
  },
  parseModels(body) {
    return parseWith(modelsSchema, body, 'model list').data.map((m) => m.id);
  },
};
