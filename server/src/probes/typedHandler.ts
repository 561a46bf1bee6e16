// Wraps a custom request's handler so a typed error reaches the client with its code (and never
// an API key in its message), instead of an internal error.
import { toResponseError } from './probeCommand';

export function typed<P, R>(
  handler: (params: P) => Promise<R>,
  secretOf: (params: P) => unknown = () => undefined,
): (params: P) => Promise<R> {
  return async (params) => {
    try {
      return await handler(params);
    } catch (error) {
      throw toResponseError(error, secretOf(params));
    }
  };
}
