// `workspace/executeCommand`: restarting the sidecar, and the probe command (owned by the probes
// feature). Progress goes to the client's workDoneToken when it sent one, else to a progress the
// server creates (when the client supports it).
import { ExecuteCommandRequest, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { Logger } from './logger';
import { runProbeCommand } from './probes/probeCommand';
import type { Analyze } from './probes/probePreparation';
import { ClientCommands, Commands, ReloadEntityRulesCommand } from '../../shared/lsp';
import type { SidecarPool } from './sidecar/sidecarPool';

export interface CommandDeps {
  pool(): SidecarPool | undefined;
  progressSupported(): boolean;
  log: Logger;
  /** Commands of other features (the workspace index's rescan): undefined when not theirs. */
  others?: Readonly<Record<string, () => Promise<unknown>>>;
  /** The sidecar's analysis for a probe of `text` from the document at `uri` (entity fidelity, {{entities}}, pseudonymisation), in its language. */
  analyzeFor?(uri: string | undefined, text: string): Promise<Analyze>;
  /** Reads the entity rules files again and applies them. */
  reloadEntityRules(reason: string): Promise<void>;
}

export function registerCommands(connection: Connection, deps: CommandDeps): void {
  connection.onRequest(ExecuteCommandRequest.type, async (params, token) => {
    const progress = await progressFor(connection, params.workDoneToken, deps.progressSupported());
    switch (params.command) {
      case Commands.restartSidecar: {
        const pool = deps.pool();
        if (!pool) throw new Error('The language server is not initialized yet');
        progress.begin('Samsara', undefined, 'Restarting the sidecar…');
        try {
          await pool.restart('restart requested by the user');
        } finally {
          progress.done();
        }
        const result: { state: string; reason?: string } = { state: pool.state };
        if (pool.reason) result.reason = pool.reason;
        return result;
      }
      // The VS Code client saves the rules file, then sends entityRulesEdited; other clients send
      // it straight from the code action (what they saved applies, the rest when they save).
      case ReloadEntityRulesCommand:
      case ClientCommands.entityRulesEdited:
        await deps.reloadEntityRules(params.command === ReloadEntityRulesCommand ? 'reload requested' : 'edited by a code action');
        return null;
      case Commands.probe:
        // The probe reports (begin/report/done) on this progress itself.
        return runProbeCommand(params.arguments, {
          connection,
          token,
          progress,
          ...(deps.analyzeFor ? { analyzeFor: deps.analyzeFor } : {}),
        });
      default: {
        const other = deps.others?.[params.command];
        if (!other) throw new Error(`Unknown command ${params.command}`);
        return other();
      }
    }
  });
}

async function progressFor(
  connection: Connection,
  token: string | number | undefined,
  supported: boolean,
): Promise<WorkDoneProgressReporter> {
  if (token !== undefined) return connection.window.attachWorkDoneProgress(token);
  if (!supported) return connection.window.attachWorkDoneProgress(undefined);
  return connection.window.createWorkDoneProgress();
}
