// A small Chinese pipeline for the integration tests: no zh_core_web wheel can be fetched on the
// build machines, so python-src/tests/zh_pipeline.py builds one of the same kind (a pkuseg
// segmenter trained from a tiny corpus, an `ner` that knows 李明/王芳 as PERSON and 北京/上海 as
// GPE) with the build venv's spaCy, the one the bundle carries.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';

/** Builds the pipeline under `dir` and returns its folder (config.cfg + meta.json). */
export function buildChinesePipeline(dir: string): string {
  const venv = spawnSync('bash', [join(repoRoot, 'scripts', 'build-python.sh'), '--print-python'], { encoding: 'utf8' });
  if (venv.status !== 0) throw new Error(`no build venv: ${venv.stderr}`);
  const python = venv.stdout.trim();
  const built = spawnSync(python, [join(repoRoot, 'python-src', 'tests', 'zh_pipeline.py'), dir], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`zh_pipeline.py failed:\n${built.stderr}`);
  return built.stdout.trim().split('\n').at(-1) as string;
}
