// A scenario that is not built in and sends more than the selection — the whole document
// ({{document}}) or the file's path ({{file}}) — is confirmed on its first use in a session, with
// what it will send (issue 20, attack 6: a repository's scenario sent the unselected text). The
// rule is pure (consentQuestion.ts); this asks through a modal dialog.
import * as vscode from 'vscode';
import type { Scenario } from '../../../shared/probes/scenario';
import { consentKey, consentQuestion } from './consentQuestion';

/** Scenarios (by id and content) confirmed in this session: a changed scenario asks again. */
const confirmed = new Set<string>();

/** True to go ahead: no question, or the user confirmed (remembered for the session). */
export async function askScenarioConsent(scenario: Scenario): Promise<boolean> {
  const question = consentQuestion(scenario, confirmed);
  if (!question) return true;
  const send = 'Send';
  const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, send);
  if (choice !== send) return false;
  confirmed.add(consentKey(scenario));
  return true;
}
