// Entry point of the `samsara.probe` command (owned by the probes feature).
// server.ts delegates `workspace/executeCommand` `samsara.probe` here.
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver';

export interface ProbeCommandContext {
  connection: Connection;
  token: CancellationToken;
  progress: WorkDoneProgressReporter;
}

export async function runProbeCommand(_args: unknown[] | undefined, _ctx: ProbeCommandContext): Promise<unknown> {
  throw new Error('samsara.probe is not implemented yet');
}
