// What the command line takes from the environment: keys (the variables each provider's own tools
// read) and Ollama's address (OLLAMA_HOST, as the ollama CLI reads it). Nothing else is read, and
// no key is ever printed: reports say only which variable a key came from.
import { PROVIDERS } from '../../shared/probes/providers';

/** The key of a provider from the first of its variables that is set. */
export function envKey(provider: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const name of PROVIDERS.get(provider)?.envKeys ?? []) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** The variable a provider's key came from (for reports), if any. */
export function envKeySource(provider: string, env: NodeJS.ProcessEnv): string | undefined {
  return PROVIDERS.get(provider)?.envKeys.find((name) => env[name]?.trim());
}

/** OLLAMA_HOST as a base URL: "127.0.0.1:11434", "http://host:11434" or "0.0.0.0" (the server's bind address: ask locally). */
export function ollamaHost(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.OLLAMA_HOST?.trim();
  if (!raw) return undefined;
  const withScheme = /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const url = new URL(withScheme);
    if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
    if (url.port === '' && !/:\d+$/.test(raw.replace(/\/.*$/, ''))) url.port = '11434';
    return url.toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
