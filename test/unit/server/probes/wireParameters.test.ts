import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROVIDERS } from '../../../../shared/probes/providers';
import { anthropicMessages } from '../../../../server/src/probes/wire/anthropicMessages';
import { geminiGenerateContent } from '../../../../server/src/probes/wire/geminiGenerateContent';
import { openaiChat } from '../../../../server/src/probes/wire/openaiChat';

describe('scenario parameters as each API names them', () => {
  it('OpenAI and xAI take max_completion_tokens; DeepSeek, Mistral and Ollama max_tokens', () => {
    const field = (id: string): string | undefined => PROVIDERS.get(id)?.tokenLimitField;
    assert.deepEqual(['openai', 'xai', 'deepseek', 'mistral', 'ollama'].map(field), [
      'max_completion_tokens',
      'max_completion_tokens',
      'max_tokens',
      'max_tokens',
      'max_tokens',
    ]);
    assert.deepEqual(openaiChat.parameterFields({ maxTokens: 50, temperature: 0.3, tokenLimitField: 'max_completion_tokens' }), {
      temperature: 0.3,
      max_completion_tokens: 50,
    });
    assert.deepEqual(openaiChat.parameterFields({ maxTokens: 50, tokenLimitField: 'max_tokens' }), { max_tokens: 50 });
    assert.deepEqual(openaiChat.parameterFields({}), {}, 'nothing unless the scenario sets it');
  });
  it('Anthropic always sends its required max_tokens; Gemini nests both in generationConfig', () => {
    assert.deepEqual(anthropicMessages.parameterFields({}), { max_tokens: 1024 });
    assert.deepEqual(anthropicMessages.parameterFields({ maxTokens: 9, temperature: 1 }), { max_tokens: 9, temperature: 1 });
    assert.equal(anthropicMessages.maxTemperature, 1);
    assert.deepEqual(geminiGenerateContent.parameterFields({ maxTokens: 9, temperature: 0 }), {
      'generationConfig.temperature': 0,
      'generationConfig.maxOutputTokens': 9,
    });
    assert.deepEqual(geminiGenerateContent.parameterFields({}), {});
  });
});
