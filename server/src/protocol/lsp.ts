// Custom LSP messages between the Samsara client and server, declared once and imported by both.
// Kept free of runtime dependencies so the client bundle can import it as is.

export const SidecarStatusNotification = 'samsara/sidecarStatus';

export type SidecarState = 'starting' | 'ready' | 'restarting' | 'stopped';

export interface SidecarStatusParams {
  state: SidecarState;
  /** Why the sidecar is restarting or stopped; absent when ready or starting. */
  reason?: string;
  model?: string;
  modelVersion?: string;
  pid?: number;
}

/** `workspace/executeCommand` commands the server provides. */
export const Commands = {
  restartSidecar: 'samsara.restartSidecar',
  probe: 'samsara.probe',
} as const;
