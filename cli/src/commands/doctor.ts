// `samsara doctor`: the environment report, built by the same code as the editor's "Samsara:
// Doctor". Starts a sidecar of its own for the check (located as the language server would:
// --sidecar, SAMSARA_SIDECAR_PATH, or the bundle beside this one) and stops it after. Exits 1
// when the sidecar cannot start.
import { resolve } from 'node:path';
import { PROVIDERS } from '../../../shared/probes/providers';
import {
  doctorToMarkdown,
  buildDoctorReport,
  type SidecarFacts,
  factsFromHealth,
  HealthDataSchema,
  locateSidecar,
} from '../../../server/src/engine';
import { EXIT, parseCliArgs, UsageError, type CliContext, type Command } from '../cliContext';
import { startCliSidecar, type CliSidecar } from '../cliSidecar';
import { envKey, envKeySource, ollamaHost } from '../environment';

const USAGE = `Usage: samsara doctor [options]

Checks the sidecar (starts one, then stops it), each provider (key present — never shown —,
base URL, reachable and key accepted via its models endpoint, latency), Ollama and its models,
and whether the transcript folder is writable. Prints the report as Markdown.

Options:
  --base-url <provider=url>   a provider's address (repeatable), e.g. --base-url openai=http://127.0.0.1:4000/v1
  --sidecar <path>            a sidecar executable instead of the bundled one
  --pipeline <name>           the spaCy pipeline to load (default en_core_web_sm)
  --out <dir>                 the transcript folder to check (default: the current directory)
  --start-timeout-ms <n>      how long the sidecar may take to load (default 30000)

Exit: 0 no blocking problem, 1 the sidecar cannot start, 2 usage error.`;

function options(args: string[]) {
  return parseCliArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      'base-url': { type: 'string', multiple: true },
      sidecar: { type: 'string' },
      pipeline: { type: 'string' },
      out: { type: 'string' },
      'start-timeout-ms': { type: 'string' },
    },
  }).values;
}

function baseUrls(specs: string[] | undefined, env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  const ollama = ollamaHost(env);
  if (ollama) urls.ollama = ollama;
  for (const spec of specs ?? []) {
    const at = spec.indexOf('=');
    const provider = spec.slice(0, at).trim();
    if (at <= 0 || !PROVIDERS.has(provider))
      throw new UsageError(`--base-url expects provider=url with a provider of ${[...PROVIDERS.keys()].join(', ')}, not "${spec}"`);
    urls[provider] = spec.slice(at + 1).trim();
  }
  return urls;
}

/** Starts a sidecar, asks its health, stops it: the facts, or why it could not start. */
async function freshSidecar(context: CliContext, path: string, pipeline: string, startTimeoutMs: number): Promise<SidecarFacts> {
  let sidecar: CliSidecar;
  try {
    sidecar = await startCliSidecar(context, { path, pipeline, startTimeoutMs });
  } catch (error) {
    const located = locateSidecar({ settingPath: path, env: context.env, serverDir: context.bundleDir });
    return { ok: false, path: located.path, source: located.source, problem: error instanceof Error ? error.message : String(error) };
  }
  try {
    const health = HealthDataSchema.parse(await sidecar.handle.request({ action: 'health_check' }, 10_000));
    return factsFromHealth(sidecar.located, sidecar.handle.info, health);
  } finally {
    await sidecar.stop();
  }
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the sidecar, the providers and their keys, Ollama, and the transcript folder',
  usage: USAGE,
  async run(context: CliContext): Promise<number> {
    const o = options(context.args);
    const startTimeoutMs = Number(o['start-timeout-ms'] ?? 30_000);
    if (!Number.isInteger(startTimeoutMs) || startTimeoutMs < 1000) throw new UsageError('--start-timeout-ms expects an integer ≥ 1000');
    const urls = baseUrls(o['base-url'], context.env);
    const keys = Object.fromEntries([...PROVIDERS.keys()].map((id) => [id, envKey(id, context.env)]));
    const report = await buildDoctorReport({
      sidecar: () => freshSidecar(context, o.sidecar ?? '', o.pipeline ?? 'en_core_web_sm', startTimeoutMs),
      keys,
      keySource: (info) => envKeySource(info.id, context.env) ?? 'environment',
      baseUrls: urls,
      transcriptFolder: async () => resolve(context.cwd, o.out ?? '.'),
      trust: 'not applicable: the command line reads only its arguments and environment',
    });
    context.stdout.write(doctorToMarkdown(report));
    return report.sidecar.ok ? EXIT.ok : EXIT.failed;
  },
};
