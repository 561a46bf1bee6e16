// The sidecar's start-up lines, read one at a time until model_loaded: anything else first (a
// library printing, another protocol version, a load error) ends the start with an error that
// quotes what was seen and the last lines of stderr.
import { ModelLoadedStatusSchema, PROTOCOL_VERSION, StatusLineSchema, type ModelLoaded } from '../protocol/sidecar';
import { quote, SidecarError, stderrTail } from './errors';

export function readHandshakeLine(line: string, executable: string, stderr: readonly string[]): 'continue' | ModelLoaded | SidecarError {
  const saw = (what: string): SidecarError =>
    new SidecarError('SIDECAR_BAD_HANDSHAKE', `The sidecar ${executable} ${what}${stderrTail(stderr)}`, true);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return saw(`printed ${quote(line)} instead of its model_loaded status`);
  }
  // Check the version before the full schema: a future protocol may change other fields.
  if (isRecord(value) && value.status === 'model_loaded' && value.protocol !== PROTOCOL_VERSION) {
    return new SidecarError(
      'SIDECAR_PROTOCOL_MISMATCH',
      `The sidecar ${executable} speaks protocol ${quote(String(value.protocol))}, this server speaks ${PROTOCOL_VERSION}: ` +
        `install a matching sidecar (setting samsara.sidecar.path) or the bundled one.`,
      false,
    );
  }
  const status = StatusLineSchema.safeParse(value);
  if (!status.success) return saw(`printed ${quote(line)}, which is not a status line of protocol ${PROTOCOL_VERSION}`);
  switch (status.data.status) {
    case 'loading_model':
      return 'continue';
    case 'error':
      return new SidecarError(
        'SIDECAR_MODEL_LOAD_FAILED',
        `The sidecar could not load its model: ${status.data.error.message} (${status.data.error.code}). Check the setting samsara.sidecar.pipeline.`,
        false,
      );
    case 'model_loaded':
      return ModelLoadedStatusSchema.parse(status.data);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
