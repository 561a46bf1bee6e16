// A probe that failed, told in one notification: the model by its display name, the whole reason
// (the server removed the key from it), and what to do next: Retry, Open Settings, Set API Key…
// when the key is the problem (then the probe runs again by itself), and Open Transcript when the
// failed run was saved (it is saved, but not opened over the writer's document).
import * as vscode from 'vscode';
import { modelLabel, providerLabel } from '../../../shared/probes/providers';
import type { Transcript } from '../../../shared/probes/transcript';
import { setApiKeyCommand } from './apiKeys';
import { ProbeRequestError } from './probeRequest';

export interface ProbeFailure {
  /** The model spec, as picked. */
  model: string;
  /** The whole reason, one line. */
  reason: string;
  /** The provider whose key was missing or refused. */
  keyProvider?: string;
}

/** HTTP statuses that mean the provider refused the key. */
const KEY_STATUSES = new Set([401, 403]);

/** Why a probe request was refused before or instead of a transcript. */
export function failureOfError(model: string, error: unknown): ProbeFailure {
  const reason = oneLine(error instanceof Error ? error.message : String(error));
  const keyProblem = error instanceof ProbeRequestError && (error.code === 'PROBE_MISSING_KEY' || error.code === 'PROBE_INVALID_KEY');
  return { model, reason, ...(keyProblem && error.provider ? { keyProvider: error.provider } : {}) };
}

/** Why a run that answered with a transcript failed (the first error of its turns). */
export function failureOfTranscript(t: Transcript): ProbeFailure {
  const first = t.errors[0];
  const reason = oneLine(first?.message ?? t.run.endedBecause ?? 'the probe failed');
  return {
    model: t.modelRequested,
    reason,
    ...(first?.status !== undefined && KEY_STATUSES.has(first.status) ? { keyProvider: t.provider } : {}),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface FailureActions {
  secrets: vscode.SecretStorage;
  log: vscode.LogOutputChannel;
  /** Runs the same probe again (same text, scenario and model). */
  retry(): Promise<void>;
  /** Opens the failed run's saved transcript, when there is one. */
  openTranscript?: () => Promise<void>;
}

const SET_KEY = 'Set API Key…';
const RETRY = 'Retry';
const SETTINGS = 'Open Settings';
const TRANSCRIPT = 'Open Transcript';

/** The notification's text: "Samsara: OpenAI gpt-5.4-mini failed: <reason>". */
export function failureMessage(failure: ProbeFailure): string {
  return `Samsara: ${modelLabel(failure.model)} failed: ${failure.reason}`;
}

/** Shows the failure; resolves when the user has chosen (or dismissed it). */
export async function showProbeFailure(failure: ProbeFailure, actions: FailureActions): Promise<void> {
  const buttons = [...(failure.keyProvider ? [SET_KEY] : []), RETRY, SETTINGS, ...(actions.openTranscript ? [TRANSCRIPT] : [])];
  const choice = await vscode.window.showErrorMessage(failureMessage(failure), ...buttons);
  switch (choice) {
    case SET_KEY: {
      const provider = failure.keyProvider as string;
      const why = `${providerLabel(provider)} did not accept the probe without a valid key. The probe runs again once it is stored.`;
      if (await setApiKeyCommand(actions.secrets, actions.log, provider, why)) await actions.retry();
      return;
    }
    case RETRY:
      return actions.retry();
    case SETTINGS:
      await vscode.commands.executeCommand('workbench.action.openSettings', 'samsara.probes');
      return;
    case TRANSCRIPT:
      return actions.openTranscript?.();
  }
}
