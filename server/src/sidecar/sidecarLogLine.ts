// The sidecar's stderr, as lines of our log. Its own lines come from Python's logging
// ("2025-05-01 10:20:30,123 INFO samsara_sidecar.model_loader: loaded …"): the time is dropped
// (the editor's log stamps every line once) and the level is kept, its INFO lowered to debug (a
// few lines per start that only matter when something goes wrong; the server says "ready" with
// the model itself). Anything else (a traceback's continuation, a library printing) keeps the
// level of the line before it, so a traceback stays with its error.
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface SidecarLogLine {
  level: LogLevel;
  message: string;
}

const PYTHON_LINE = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d+)? (DEBUG|INFO|WARNING|ERROR|CRITICAL) ([\w.]+): (.*)$/;

const LEVELS: Readonly<Record<string, LogLevel>> = {
  DEBUG: 'debug',
  INFO: 'debug',
  WARNING: 'warn',
  ERROR: 'error',
  CRITICAL: 'error',
};

/** Reads one sidecar's stderr line by line; `previous` is the level continuation lines take. */
export class SidecarLogReader {
  private previous: LogLevel = 'debug';

  read(line: string): SidecarLogLine {
    const match = PYTHON_LINE.exec(line);
    if (!match) return { level: this.previous, message: `[sidecar] ${line}` };
    const level = LEVELS[match[1]] ?? 'info';
    this.previous = level;
    return { level, message: `[sidecar] ${match[3]}` };
  }
}
