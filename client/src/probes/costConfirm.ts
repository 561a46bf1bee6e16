// Before sending: the server estimates input tokens (OpenAI's own tokenizer for OpenAI models,
// about 4 characters a token otherwise) and the cost from the price table; above
// samsara.probes.confirmAboveUsd the user confirms first.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProbeEstimateRequest, probeEstimateResultSchema } from '../../../shared/lsp';
import type { Scenario } from '../../../shared/probes/scenario';
import type { ProbeSource } from './probeRequest';
import { usd } from '../../../shared/probes/transcriptMarkdown';

/** True to go ahead: the estimate is within the limit, could not be made, or the user said so. */
export async function confirmCost(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  request: { text: string; models: string[]; scenario: Scenario; source?: ProbeSource },
): Promise<boolean> {
  let answer;
  try {
    answer = probeEstimateResultSchema.parse(
      await client.sendRequest(ProbeEstimateRequest, {
        text: request.text,
        models: request.models,
        scenario: request.scenario.id,
        ...request.source,
      }),
    );
  } catch (error) {
    // An estimate is advice: without one the probe still runs (the server's errors come later).
    log.warn(`No cost estimate: ${error instanceof Error ? error.message : String(error)}`);
    return true;
  }
  const lines = answer.estimates.map((e) =>
    e.estimate
      ? `${e.model}: ${e.estimate.inputTokens} input tokens${e.estimate.costUsd !== undefined ? `, about ${usd(e.estimate.costUsd)}` : ' (no price)'}`
      : `${e.model}: ${e.problem ?? 'no estimate'}`,
  );
  log.debug(`Estimate before sending: ${lines.join('; ')}`);
  if (answer.totalUsd <= answer.confirmAboveUsd) return true;
  const send = 'Send';
  const choice = await vscode.window.showWarningMessage(
    `Samsara: this probe is estimated at ${usd(answer.totalUsd)}, above samsara.probes.confirmAboveUsd (${usd(answer.confirmAboveUsd)}).`,
    {
      modal: true,
      detail: `${lines.join('\n')}\n\nAnswers are assumed to be about 400 tokens each; the transcript will show the actual cost.`,
    },
    send,
  );
  return choice === send;
}
