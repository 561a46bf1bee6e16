// Logging seam: the server writes to the LSP connection's console, tests write to memory.
// Quiet by default: info for state changes, debug only when the client traces verbosely.
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
