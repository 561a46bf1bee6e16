// `workspace/configuration` with a deadline. A client that never answers it (seen in the wild)
// would otherwise stall everything that reads settings: the sidecar's start, every document's
// analysis, every probe, even a cancelled one. After the deadline the caller gets `undefined`
// (the defaults apply), the request is cancelled, and the log says so once per connection.
import { CancellationTokenSource, ConfigurationRequest, type ConfigurationItem, type Connection } from 'vscode-languageserver';

/** Long enough for a busy editor, short enough that a stalled one costs a moment, not the server. */
export const CONFIGURATION_TIMEOUT_MS = 3000;

const reported = new WeakSet<Connection>();
const cannotAnswer = new WeakSet<Connection>();

/** The client did not declare `workspace.configuration` at initialize: never ask it. */
export function clientCannotAnswerConfiguration(connection: Connection): void {
  cannotAnswer.add(connection);
}
const TIMED_OUT = Symbol('timed out');

/**
 * The value of one configuration item, or `undefined` when the client did not answer within
 * `timeoutMs` or cannot be asked. A client that answers with an error makes this reject, as before.
 */
export async function getConfigurationWithin(
  connection: Connection,
  item: ConfigurationItem,
  timeoutMs = CONFIGURATION_TIMEOUT_MS,
): Promise<unknown> {
  // Every reader of settings comes here, so none of them can send a request the client would not
  // understand (the caller gets `undefined` and uses its defaults, as after a timeout).
  if (cannotAnswer.has(connection)) return undefined;
  const cancel = new CancellationTokenSource();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    const answer = await Promise.race([connection.sendRequest(ConfigurationRequest.type, { items: [item] }, cancel.token), deadline]);
    if (answer !== TIMED_OUT) return Array.isArray(answer) ? (answer[0] as unknown) : undefined;
    cancel.cancel();
    if (!reported.has(connection)) {
      reported.add(connection);
      connection.console.warn(
        `The client did not answer workspace/configuration within ${timeoutMs} ms; using the default settings ` +
          `(logged once; every later request that times out does the same)`,
      );
    }
    return undefined;
  } finally {
    clearTimeout(timer);
    cancel.dispose();
  }
}
