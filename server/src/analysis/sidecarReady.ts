// What a sidecar becoming ready means for the analysis: the label explanations come from its
// handshake; a different model (or sidecar path, or pipeline) makes every cached result stale, so
// the cache is cleared and every open document analysed again; the same model only needs the runs
// that failed for want of a sidecar to start again (requests in flight were re-sent already).
import type { ModelLoaded } from '../protocol/sidecar';
import type { LabelExplainer } from '../entities/labels';

export interface SidecarReadyDeps {
  labels: LabelExplainer;
  clearCache(): void;
  analyzeAll(): void;
  retryFailed(): void;
}

export class SidecarReadyPolicy {
  /** What the cached results depend on; undefined until the first sidecar was ready. */
  private identity: string | undefined;

  constructor(private readonly deps: SidecarReadyDeps) {}

  onReady(info: ModelLoaded, sidecar: { path: string; pipeline: string }): 'model-changed' | 'same-model' {
    this.deps.labels.setFromSidecar(info.labels);
    const identity = JSON.stringify([info.model, info.model_version, sidecar.path, sidecar.pipeline]);
    const changed = this.identity !== undefined && identity !== this.identity;
    this.identity = identity;
    if (changed) {
      this.deps.clearCache();
      this.deps.analyzeAll();
      return 'model-changed';
    }
    this.deps.retryFailed();
    return 'same-model';
  }
}
