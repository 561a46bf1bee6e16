// Before sending: the server estimates input tokens (OpenAI's own tokenizer for OpenAI models,
// about 4 characters a token otherwise) and the cost from the price table. The user confirms
// first when the selection is long (samsara.probes.confirmAboveChars: a whole 300 KB document
// selected by accident) or the estimate is above samsara.probes.confirmAboveUsd; one dialog says
// both, with the selection's size and its estimated tokens. A scenario that is not built in and
// sends the document or the file's path is confirmed first (scenarioConsent.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProbeEstimateRequest, probeEstimateResultSchema, type ProbeEstimateResult } from '../../../shared/lsp';
import type { Scenario } from '../../../shared/probes/scenario';
import type { ProbeSource } from './probeRequest';
import { askScenarioConsent } from './scenarioConsent';
import { sendQuestion } from './sendQuestion';

/** True to go ahead: nothing to ask about, no estimate could be made, or the user said so. */
export async function confirmSend(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  request: { text: string; models: string[]; scenario: Scenario; source?: ProbeSource },
): Promise<boolean> {
  if (!(await askScenarioConsent(request.scenario))) return false;
  let answer: ProbeEstimateResult;
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
  log.debug(
    `Estimate before sending: ${answer.estimates.map((e) => `${e.model}: ${e.estimate ? `${e.estimate.inputTokens} tokens` : e.problem}`).join('; ')}`,
  );
  const question = sendQuestion(request.text, answer);
  if (!question) return true;
  const send = 'Send';
  const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, send);
  return choice === send;
}
