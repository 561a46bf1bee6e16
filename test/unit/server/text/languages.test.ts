import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalLanguageId, isAnalysedLanguage } from '../../../../server/src/text/languages';

test("other clients' plain-text ids count as plaintext", () => {
  for (const id of ['text', 'TEXT', 'plain', 'txt', 'plain text']) assert.equal(canonicalLanguageId(id), 'plaintext', id);
  assert.equal(canonicalLanguageId('md'), 'markdown');
  assert.equal(canonicalLanguageId('python'), 'python');
});

test('a document is analysed when its language, or an alias of it, is configured', () => {
  assert.equal(isAnalysedLanguage(['plaintext', 'markdown'], 'text'), true);
  assert.equal(isAnalysedLanguage(['plaintext', 'markdown'], 'markdown'), true);
  assert.equal(isAnalysedLanguage(['markdown'], 'text'), false);
  assert.equal(isAnalysedLanguage(['text'], 'plaintext'), true);
  assert.equal(isAnalysedLanguage([], 'plaintext'), false);
  assert.equal(isAnalysedLanguage(['plaintext'], 'python'), false);
});
