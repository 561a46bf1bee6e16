// OpenAI's own byte-pair encodings, from gpt-tokenizer (pure JavaScript, ranks bundled: nothing
// is downloaded at run time). Built into its own bundle, dist/tokenizer.js, which the server and
// the command line load on first use (scripts/build-ts.mjs), so the 3–4 MB of ranks cost neither
// start-up time nor memory until a probe is estimated.
import { countTokens as cl100k } from 'gpt-tokenizer/cjs/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/cjs/encoding/o200k_base';

export type OpenAiEncoding = 'o200k_base' | 'cl100k_base';

export function countOpenAiTokens(text: string, encoding: OpenAiEncoding): number {
  return encoding === 'o200k_base' ? o200k(text) : cl100k(text);
}
