// One running sidecar process: spawn, handshake, request multiplexing, shutdown.
// It never restarts anything itself; the worker (sidecarWorker.ts) decides what a failure means.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Logger } from '../logger';
import { ResponseSchema, type ModelLoaded, type SidecarAction } from '../protocol/sidecar';
import { quote, SidecarError, stderrTail } from './errors';
import { readHandshakeLine } from './handshake';
import { LineReader } from './lineReader';
import { SidecarLogReader } from './sidecarLogLine';
import { forgetGroup, trackGroup } from './processGroups';

export { killAllSidecarsSync } from './processGroups';

export interface SidecarSpawnOptions {
  executable: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  startTimeoutMs: number;
  maxLineBytes: number;
  log: Logger;
}

/** What a worker needs from a started sidecar (a fake implements it in unit tests). */
export interface SidecarHandle {
  readonly pid: number | undefined;
  readonly info: ModelLoaded;
  request(body: SidecarAction, timeoutMs: number): Promise<unknown>;
  /**
   * Protocol lines the process has printed since it was ready (answers, late ones too): a count
   * that moves is a process that lives, whatever its health checks say.
   */
  readonly outputLines: number;
  /** Called once when the process is gone, with a human reason. */
  onExit(listener: (reason: string) => void): void;
  /**
   * Stops the process. By default the work already sent is finished first (`shutdown` request);
   * `abandon` drops it: stdin closed and SIGTERM at once (the server is going away).
   */
  shutdown(graceMs: number, options?: { abandon?: boolean }): Promise<void>;
  /** SIGKILL of the whole process group, now (a hung process ignores anything gentler). */
  kill(): void;
}

interface Pending {
  resolve(data: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const STDERR_KEPT = 20;
/** Ids of requests that timed out, remembered so that their late answers are expected, not odd. */
const EXPIRED_KEPT = 64;

export function startSidecar(options: SidecarSpawnOptions): Promise<SidecarHandle> {
  return new Promise<SidecarHandle>((resolve, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(options.executable, options.args, {
        env: options.env,
        shell: false,
        windowsHide: true,
        // Own process group on POSIX so that the whole tree can be signalled at once.
        detached: process.platform !== 'win32',
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (error) {
      reject(
        new SidecarError('SIDECAR_SPAWN_FAILED', `Could not start the sidecar ${options.executable}: ${String(error)}`, false, {
          cause: error,
        }),
      );
      return;
    }
    if (child.pid !== undefined && process.platform !== 'win32') trackGroup(child.pid);
    const proc = new RunningSidecar(child, options);
    proc.handshake().then(resolve, reject);
  });
}

class RunningSidecar implements SidecarHandle {
  info!: ModelLoaded;
  private readonly stderr: string[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly exitListeners: ((reason: string) => void)[] = [];
  private readonly expired = new Set<string>();
  private nextId = 1;
  outputLines = 0;
  private ready = false;
  private exited = false;
  private exitReason = '';
  private readonly exitWaiters: (() => void)[] = [];
  /** Set while waiting for model_loaded: lines go to the handshake, not to requests. */
  private handshakeLine: ((line: string) => void) | undefined;
  private handshakeFail: ((error: SidecarError) => void) | undefined;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly options: SidecarSpawnOptions,
  ) {
    const out = new LineReader(options.maxLineBytes, {
      line: (line) => this.onStdoutLine(line),
      overflow: (bytes) => this.onOverflow(bytes),
    });
    child.stdout.on('data', (data: Buffer) => out.push(data));
    child.stdout.on('end', () => out.end());
    const stderrLog = new SidecarLogReader();
    const err = new LineReader(64 * 1024, {
      line: (line) => {
        this.stderr.push(line);
        if (this.stderr.length > STDERR_KEPT) this.stderr.shift();
        // The sidecar's own log (a few lines per start): part of ours, at its own level.
        const { level, message } = stderrLog.read(line);
        options.log[level](message);
      },
      overflow: () => options.log.debug('[sidecar stderr] (over-long line skipped)'),
    });
    child.stderr.on('data', (data: Buffer) => err.push(data));
    child.stderr.on('end', () => err.end());
    // A write to a dead process fails with EPIPE; the exit handler reports it.
    child.stdin.on('error', (error) => options.log.debug(`sidecar stdin: ${error.message}`));
    // Grandchildren holding our pipes open would delay 'close': clear the group on 'exit'.
    child.on('exit', () => this.signalGroup('SIGKILL'));
    // 'close' fires after stdio drained, so the stderr tail is complete when we report.
    child.on('close', (code, signal) => this.onClose(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    child.on('error', (error) => this.onClose(`could not run: ${error.message}`));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  handshake(): Promise<SidecarHandle> {
    return new Promise<SidecarHandle>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.handshakeLine = undefined;
        this.handshakeFail = undefined;
        this.exitListeners.length = 0;
      };
      const fail = (error: SidecarError): void => {
        done();
        this.kill();
        reject(error);
      };
      this.handshakeFail = fail;
      const timer = setTimeout(() => {
        fail(
          new SidecarError(
            'SIDECAR_START_TIMEOUT',
            `The sidecar ${this.options.executable} did not report model_loaded within ${this.options.startTimeoutMs} ms ` +
              `(setting samsara.sidecar.startTimeoutMs)${stderrTail(this.stderr)}`,
            true,
          ),
        );
      }, this.options.startTimeoutMs);
      this.exitListeners.push((reason) => {
        done();
        reject(
          new SidecarError(
            'SIDECAR_EXITED',
            `The sidecar ${this.options.executable} ${reason} before it was ready${stderrTail(this.stderr)}`,
            true,
          ),
        );
      });
      this.handshakeLine = (line) => {
        const outcome = readHandshakeLine(line, this.options.executable, this.stderr);
        if (outcome === 'continue') return;
        if (outcome instanceof SidecarError) {
          fail(outcome);
          return;
        }
        done();
        this.info = outcome;
        this.ready = true;
        resolve(this);
      };
    });
  }

  private onStdoutLine(line: string): void {
    if (this.handshakeLine) {
      this.handshakeLine(line);
      return;
    }
    if (line.trim() === '') return;
    this.outputLines += 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.options.log.warn(`Sidecar printed a non-protocol line on stdout (skipped): ${quote(line)}`);
      return;
    }
    const response = ResponseSchema.safeParse(value);
    if (!response.success) {
      this.options.log.warn(`Sidecar printed JSON that is not a protocol response (skipped): ${quote(line)}`);
      return;
    }
    const { id } = response.data;
    const pending = id === null ? undefined : this.pending.get(id);
    if (id !== null && this.expired.delete(id)) {
      // A busy sidecar answers a health check a little after its deadline: alive, not odd.
      this.options.log.debug(`Sidecar answered request ${id} after its deadline`);
      return;
    }
    if (!pending || id === null) {
      const detail = response.data.success ? '' : `: ${response.data.error.code} ${response.data.error.message}`;
      this.options.log.warn(`Sidecar answered unknown or expired request ${quote(String(id))} (dropped)${detail}`);
      return;
    }
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (response.data.success) pending.resolve(response.data.data);
    else {
      const { code, message } = response.data.error;
      pending.reject(new SidecarError('SIDECAR_REQUEST_FAILED', `Sidecar error ${code}: ${message}`, false));
    }
  }

  private onOverflow(bytes: number): void {
    const message = `Sidecar printed a line over ${this.options.maxLineBytes} bytes (${bytes} seen); it was discarded`;
    if (this.handshakeFail) {
      // During the handshake nothing that long is legitimate.
      this.handshakeFail(new SidecarError('SIDECAR_LINE_TOO_LONG', `${message} before it was ready${stderrTail(this.stderr)}`, true));
      return;
    }
    this.options.log.error(message);
  }

  private onClose(reason: string): void {
    if (this.exited) return;
    this.exited = true;
    this.exitReason = reason;
    this.ready = false;
    if (this.child.pid !== undefined) forgetGroup(this.child.pid);
    // Children of a crashed sidecar may linger in its group: clear them out.
    this.signalGroup('SIGKILL');
    // Listeners first: the worker must know the process is gone before requests in flight
    // see their rejection and ask it where to send themselves again.
    for (const listener of this.exitListeners.splice(0)) listener(reason);
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new SidecarError('SIDECAR_EXITED', `The sidecar ${reason} while request ${id} was in flight`, true));
    }
    this.pending.clear();
    for (const waiter of this.exitWaiters.splice(0)) waiter();
  }

  onExit(listener: (reason: string) => void): void {
    if (this.exited) listener(this.exitReason);
    else this.exitListeners.push(listener);
  }

  request(body: SidecarAction, timeoutMs: number): Promise<unknown> {
    if (this.exited || !this.ready) {
      return Promise.reject(new SidecarError('SIDECAR_EXITED', `The sidecar is not running (${this.exitReason || 'not ready'})`, true));
    }
    const id = String(this.nextId++);
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.expired.add(id);
        if (this.expired.size > EXPIRED_KEPT) this.expired.delete(this.expired.values().next().value as string);
        reject(
          new SidecarError(
            'SIDECAR_REQUEST_TIMEOUT',
            `The sidecar did not answer ${body.action} request ${id} within ${timeoutMs} ms`,
            false,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.stdin.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  async shutdown(graceMs: number, options: { abandon?: boolean } = {}): Promise<void> {
    if (this.exited) return;
    if (options.abandon) {
      // The sidecar would finish the queued work before leaving on stdin's end: SIGTERM ends it
      // now (the process holds nothing that needs saving).
      this.child.stdin.end();
      if (!this.signalGroup('SIGTERM')) this.child.kill('SIGTERM');
    } else {
      if (this.ready) await this.request({ action: 'shutdown' }, graceMs).catch(() => undefined);
      this.child.stdin.end();
    }
    if (await this.waitForExit(graceMs)) return;
    this.options.log.info(`Sidecar did not exit within ${graceMs} ms of shutdown; sending SIGTERM`);
    this.signalGroup('SIGTERM');
    if (await this.waitForExit(graceMs)) return;
    this.options.log.info('Sidecar ignored SIGTERM; sending SIGKILL');
    this.kill();
    await this.waitForExit(graceMs);
  }

  kill(): void {
    if (!this.signalGroup('SIGKILL')) this.child.kill('SIGKILL');
  }

  private signalGroup(signal: NodeJS.Signals): boolean {
    const pid = this.child.pid;
    if (pid === undefined || process.platform === 'win32') return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false; // ESRCH: the group is already gone
    }
  }

  private waitForExit(timeoutMs: number): Promise<boolean> {
    if (this.exited) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
