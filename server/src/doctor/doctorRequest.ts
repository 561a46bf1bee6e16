// `samsara/doctor`: the editor's "Samsara: Doctor". The client sends the keys it holds (each
// provider is checked with its own) and the workspace trust; the server reports with its own
// sidecar and settings.
import type { Connection } from 'vscode-languageserver';
import { doctorParamsSchema, DoctorRequest, type DoctorResult } from '../../../shared/lsp';
import { InvalidArgumentsError } from '../probes/errors';
import { readProbeSettings, toResponseError } from '../probes/probeCommand';
import { transcriptStore } from '../probes/probeEnvironment';
import { doctorToMarkdown, missingKeys } from './doctorMarkdown';
import { buildDoctorReport, type PipelineFacts, type SidecarFacts } from './doctorReport';

export interface DoctorDeps {
  sidecarFacts(): Promise<SidecarFacts>;
  /** Loaded language models with their memory, installed ones with their size. */
  pipelineFacts?(): Promise<PipelineFacts>;
}

export const RESTRICTED_NOTE =
  'restricted: workspace values of the sidecar path and pipeline, the scenario file, the transcript folder and the server trace are ignored';

export function registerDoctorRequest(connection: Connection, deps: DoctorDeps): void {
  connection.onRequest(DoctorRequest, async (raw): Promise<DoctorResult> => {
    try {
      const parsed = doctorParamsSchema.safeParse(raw ?? {});
      if (!parsed.success) throw new InvalidArgumentsError(`samsara/doctor: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const params = parsed.data;
      const settings = await readProbeSettings(connection);
      const report = await buildDoctorReport({
        sidecar: () => deps.sidecarFacts(),
        ...(deps.pipelineFacts ? { pipelines: deps.pipelineFacts } : {}),
        keys: params.apiKeys,
        keySource: () => 'secret storage',
        baseUrls: settings.baseUrls,
        transcriptFolder: async () => (await transcriptStore(connection, settings)).folder,
        trust: params.trusted === undefined ? 'not reported by this editor' : params.trusted ? 'trusted' : RESTRICTED_NOTE,
      });
      return { markdown: doctorToMarkdown(report), ok: report.sidecar.ok, missingKeys: missingKeys(report) };
    } catch (error) {
      throw toResponseError(error, Object.values((raw as { apiKeys?: Record<string, string> } | undefined)?.apiKeys ?? {}));
    }
  });
}
