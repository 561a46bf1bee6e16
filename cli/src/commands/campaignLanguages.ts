// The command line's language models for campaigns (`samsara campaign run`, `samsara worker`): the
// primary one (--pipeline, English by default) and, for passages in another language, the
// pipeline the editor installed for that language (or one in $SAMSARA_PIPELINES_DIR), each started
// on first need and stopped at the end. A language with none installed gets an analysis that
// fails saying so: the job reports "no French language model is installed" (no entity fidelity)
// instead of reading French with the English model. The CLI never downloads a pipeline.
import {
  type Analyze,
  type AnalyzeIn,
  missingModelMessage,
  pipelineLanguage,
  pipelinesFolder,
  PipelineStore,
  type InstalledPipeline,
} from '../../../server/src/engine';
import type { CliContext } from '../cliContext';
import { startCliSidecar, type CliSidecar } from '../cliSidecar';

export const DEFAULT_PIPELINE = 'en_core_web_sm';

/** What the CLI says to do when a language's pipeline is missing (`samsara campaign` and `samsara entities`). */
export const INSTALL_REMEDY =
  'install one in the editor (Samsara: Manage Language Pipelines…) or point SAMSARA_PIPELINES_DIR at a folder holding one';

/** The installed pipeline for `language`: its small one first (what the catalogue offers by default). */
export function installedFor(installed: readonly InstalledPipeline[], language: string): InstalledPipeline | undefined {
  return (
    installed.find((candidate) => candidate.language === language && candidate.name.endsWith('_sm')) ??
    installed.find((candidate) => candidate.language === language)
  );
}

/** A sidecar of `pipeline`, or undefined (said on stderr) when it cannot start: the jobs then run without fidelity. */
export async function startSidecar(o: { sidecar?: string; pipeline?: string }, context: CliContext): Promise<CliSidecar | undefined> {
  try {
    return await startCliSidecar(context, { path: o.sidecar ?? '', pipeline: o.pipeline ?? DEFAULT_PIPELINE, startTimeoutMs: 60_000 });
  } catch (error) {
    context.stderr.write(
      `samsara: no entity fidelity: the sidecar could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return undefined;
  }
}

export interface CampaignLanguageModels {
  analyzeIn: AnalyzeIn;
  stop(): Promise<void>;
}

export function campaignLanguageModels(o: { sidecar?: string; pipeline?: string }, context: CliContext): CampaignLanguageModels {
  const primary = pipelineLanguage(o.pipeline ?? DEFAULT_PIPELINE);
  const store = new PipelineStore(pipelinesFolder(undefined, context.env));
  let installed: Promise<InstalledPipeline[]> | undefined;
  const started = new Map<string, Promise<CliSidecar | undefined>>();
  const missing = (language: string): Analyze => {
    const message = missingModelMessage(language, `none in ${store.root}: ${INSTALL_REMEDY}`);
    return () => Promise.reject(new Error(message));
  };
  return {
    async analyzeIn(language) {
      let sidecar = started.get(language);
      if (!sidecar) {
        if (language === primary) sidecar = startSidecar(o, context);
        else {
          installed ??= store.list();
          const pipeline = installedFor(await installed, language);
          if (!pipeline) return missing(language);
          sidecar = started.get(language) ?? startSidecar({ sidecar: o.sidecar, pipeline: pipeline.path }, context);
        }
        started.set(language, sidecar);
      }
      return (await sidecar)?.analyze;
    },
    async stop() {
      await Promise.all([...started.values()].map(async (sidecar) => (await sidecar)?.stop()));
    },
  };
}
