// A minimal LSP client over stdio for driving `node dist/server.js --stdio` in probe tests:
// answers workspace/configuration from a map, accepts server-created progress, and records
// $/progress and window/logMessage. (A shared harness in test/helpers/ can replace it.)
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

export interface LspTestClient {
  connection: MessageConnection;
  progress: ProgressEvent[];
  logs: string[];
  stderr: string[];
  /** Answers for workspace/configuration, by section ("samsara.probes"). */
  configuration: Map<string, unknown>;
  stop(): Promise<void>;
}

const SERVER = join(__dirname, '..', '..', '..', 'dist', 'server.js');

export async function startServer(options: { workspaceFolder?: string } = {}): Promise<LspTestClient> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const progress: ProgressEvent[] = [];
  const logs: string[] = [];
  const stderr: string[] = [];
  const configuration = new Map<string, unknown>();
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
    params.items.map((item) => configuration.get(item.section ?? '') ?? null),
  );
  connection.onRequest('workspace/workspaceFolders', () =>
    options.workspaceFolder ? [{ uri: `file://${options.workspaceFolder}`, name: 'ws' }] : null,
  );
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/showMessageRequest', () => null);
  connection.onNotification('$/progress', (params: ProgressEvent) => progress.push(params));
  connection.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
  connection.onNotification('window/showMessage', (params: { message: string }) => logs.push(params.message));
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.workspaceFolder ? `file://${options.workspaceFolder}` : null,
    workspaceFolders: options.workspaceFolder ? [{ uri: `file://${options.workspaceFolder}`, name: 'ws' }] : null,
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    progress,
    logs,
    stderr,
    configuration,
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        child.kill();
      }
      await exited;
      connection.dispose();
    },
  };
}
