// What third-party servers (schema-generated replies, LiteLLM, problem+json proxies) send that the
// probe engine once misread: Gemini's unused block-reason default, error bodies with no readable
// message in the usual place, and keys holding an ordinary word.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseErrorBody, messageText } from '../../../../server/src/probes/wire/errorBody';
import { geminiGenerateContent } from '../../../../server/src/probes/wire/geminiGenerateContent';
import { redactDeep, redactText, REDACTED } from '../../../../shared/redact';

describe('Gemini finish facts', () => {
  const candidate = { content: { role: 'model', parts: [{ text: 'cut short' }] }, finishReason: 'MAX_TOKENS' };
  it('BLOCK_REASON_UNSPECIFIED (the enum default) is no block: the candidate’s own finishReason is kept', () => {
    const reply = geminiGenerateContent.parseReply({
      candidates: [candidate],
      promptFeedback: { blockReason: 'BLOCK_REASON_UNSPECIFIED' },
    });
    assert.deepEqual([reply.text, reply.finishReason, reply.blockReason], ['cut short', 'MAX_TOKENS', undefined]);
    assert.notEqual(reply.finish, 'blocked');
  });
  it('the same in a stream', () => {
    const parser = geminiGenerateContent.streamParser();
    parser.push({ data: JSON.stringify({ candidates: [candidate], promptFeedback: { blockReason: 'BLOCK_REASON_UNSPECIFIED' } }) });
    const reply = parser.finish();
    assert.deepEqual([reply.finishReason, reply.blockReason], ['MAX_TOKENS', undefined]);
  });
  it('a real block reason still blocks', () => {
    const reply = geminiGenerateContent.parseReply({ promptFeedback: { blockReason: 'SAFETY' } });
    assert.deepEqual([reply.finish, reply.blockReason], ['blocked', 'SAFETY']);
  });
});

describe('error bodies without a readable message in the usual place', () => {
  it('problem+json with an empty detail gives its title', () => {
    assert.deepEqual(parseErrorBody({ type: 'about:blank', title: 'Not Acceptable', status: 406, detail: '' }), {
      message: 'Not Acceptable',
      type: undefined,
    });
  });
  it('problem+json with a detail gives the detail', () => {
    assert.equal(parseErrorBody({ title: 'Bad Request', status: 400, detail: 'model is required' }).message, 'model is required');
  });
  it('a Python repr of an error dict inside a message gives its message', () => {
    const said = "(None): {'error': {'message': 'Invalid model name passed in model=x', 'type': 'invalid_request_error', 'code': '400'}}";
    assert.equal(messageText(said), 'Invalid model name passed in model=x');
    assert.equal(parseErrorBody({ error: { message: said } }).message, 'Invalid model name passed in model=x');
  });
});

describe('redaction of a key holding ordinary words', () => {
  const key = 'key-for-anthropic-5x7q2w9e';
  it('removes the key and cut forms of it, but never the word alone', () => {
    const text = `provider: anthropic; file 2026-12-04-anthropic-claude.json; echoed ${key} and cut ${key.slice(0, 20)}…`;
    const out = redactText(text, [key]);
    assert.equal(out, `provider: anthropic; file 2026-12-04-anthropic-claude.json; echoed ${REDACTED} and cut ${REDACTED}…`);
  });
  it('a transcript keeps "provider": "anthropic"', () => {
    assert.deepEqual(redactDeep({ provider: 'anthropic', modelRequested: 'anthropic:claude-haiku-4-5' }, [key]), {
      provider: 'anthropic',
      modelRequested: 'anthropic:claude-haiku-4-5',
    });
  });
});
