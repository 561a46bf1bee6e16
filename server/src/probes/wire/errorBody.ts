// Reads a provider's error body, whatever its dialect: proxies and compatible servers mix them,
// so every wire format tries every shape. Shapes seen in the wild:
//   OpenAI and most compatibles  {error: {message, type, code, param}}     (type or code may be null)
//   Mistral                      {object: "error", message, type, code}    (message may be an object)
//   Anthropic                    {type: "error", error: {type, message}}   (either may be null)
//   Gemini                       {error: {code, message, status, details}}
//   Ollama, FastAPI-style        {error: "text"} / {detail: "text" | [{loc, msg}]}
// The message is always text a person can read: never the raw JSON when a message exists.
import { z } from 'zod';
import type { WireErrorDetail } from './wireFormat';

const text = z.string().nullish();
const code = z.union([z.string(), z.number()]).nullish();

const nested = z.object({
  error: z.object({ message: z.unknown().optional(), type: text, code, status: text }).passthrough(),
});
const flat = z.object({ message: z.unknown(), type: text, code, object: text }).passthrough();
const stringError = z.object({ error: z.string() });
const detail = z.object({ detail: z.unknown() });
/** RFC 9457 problem details (application/problem+json): `detail` may be empty, `title` is the summary. */
const problem = z.object({ title: z.string(), detail: z.unknown().optional(), status: z.number().optional() });

/** A Python dict's repr inside a message (LiteLLM: "(None): {'error': {'message': '…'}}"): its message. */
function pythonReprMessage(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0 || !/['"]message['"]\s*:/.test(text)) return undefined;
  const found = /['"]message['"]\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/.exec(text.slice(start));
  const said = (found?.[1] ?? found?.[2])?.trim();
  return said ? said : undefined;
}

const MAX_DETAIL_ITEMS = 5;

/** Person-readable text of a message field that may be a string, an object or a list. */
export function messageText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    // Mistral sometimes sends its validation detail as a JSON string inside `message`.
    if (/^[[{]/.test(trimmed)) {
      try {
        const inner = messageText(JSON.parse(trimmed));
        if (inner !== undefined) return inner;
      } catch {
        // not JSON after all: the text itself
      }
    }
    if (trimmed === '') return undefined;
    return pythonReprMessage(trimmed) ?? trimmed;
  }
  if (Array.isArray(value)) {
    const parts = value
      .slice(0, MAX_DETAIL_ITEMS)
      .map(messageText)
      .filter((p): p is string => p !== undefined);
    if (parts.length === 0) return undefined;
    return parts.join('; ') + (value.length > MAX_DETAIL_ITEMS ? ` (+${value.length - MAX_DETAIL_ITEMS} more)` : '');
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // FastAPI validation items: {loc: ["body", "model"], msg: "Field required"}.
    if (typeof record.msg === 'string') {
      const loc = Array.isArray(record.loc) ? record.loc.map(String).join('.') : undefined;
      return loc ? `${loc}: ${record.msg}` : record.msg;
    }
    for (const key of ['message', 'detail', 'error']) {
      const inner = messageText(record[key]);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/**
 * The error's machine-readable name. A word code is the most specific (invalid_api_key,
 * insufficient_quota); a numeric code (429, "1002") says less than the type, so the type wins.
 */
function errorType(
  type: string | null | undefined,
  errorCode: string | number | null | undefined,
  status?: string | null,
): string | undefined {
  // "1002", "400": digits in a string are a numeric code all the same.
  if (typeof errorCode === 'string' && errorCode.trim() !== '' && !/^\d+$/.test(errorCode.trim())) return errorCode;
  if (type && type.trim() !== '') return type;
  if (status && status.trim() !== '') return status;
  return undefined;
}

export function parseErrorBody(body: unknown): WireErrorDetail {
  const n = nested.safeParse(body);
  if (n.success) {
    const e = n.data.error;
    return { message: messageText(e.message), type: errorType(e.type, e.code, e.status) };
  }
  const s = stringError.safeParse(body);
  if (s.success) return { message: messageText(s.data.error) };
  const f = flat.safeParse(body);
  if (f.success) return { message: messageText(f.data.message), type: errorType(f.data.type, f.data.code) };
  const p = problem.safeParse(body);
  if (p.success) return { message: messageText(p.data.detail) ?? messageText(p.data.title), type: undefined };
  const d = detail.safeParse(body);
  if (d.success) return { message: messageText(d.data.detail) };
  return {};
}
