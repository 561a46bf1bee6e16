// What to ask before a probe is sent, pure so unit tests read it: a selection longer than
// samsara.probes.confirmAboveChars (with its size and estimated tokens), an estimate above
// samsara.probes.confirmAboveUsd, or both in one question.
import type { ProbeEstimateResult } from '../../../shared/probes/messages';
import { modelLabel } from '../../../shared/probes/providers';
import { usd } from '../../../shared/probes/transcriptMarkdown';

/** A selection's size as a writer reads it: "312 KB (318,204 characters)". */
export function sizeText(text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  const size =
    bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
  return `${size} (${text.length.toLocaleString('en-US')} characters)`;
}

/** The questions to ask before sending, if any: [message, detail]. Pure, for tests. */
export function sendQuestion(text: string, answer: ProbeEstimateResult): { message: string; detail: string } | undefined {
  const long = answer.confirmAboveChars !== undefined && text.length > answer.confirmAboveChars;
  const costly = answer.totalUsd > answer.confirmAboveUsd;
  if (!long && !costly) return undefined;
  const tokens = Math.max(0, ...answer.estimates.map((e) => e.estimate?.inputTokens ?? 0));
  const lines = answer.estimates.map((e) =>
    e.estimate
      ? `${modelLabel(e.model)}: about ${e.estimate.inputTokens.toLocaleString('en-US')} input tokens${e.estimate.costUsd !== undefined ? `, about ${usd(e.estimate.costUsd)}` : ' (no price)'}`
      : `${modelLabel(e.model)}: ${e.problem ?? 'no estimate'}`,
  );
  const parts: string[] = [];
  if (long)
    parts.push(
      `The selection is ${sizeText(text)}, about ${tokens.toLocaleString('en-US')} tokens: more than samsara.probes.confirmAboveChars (${answer.confirmAboveChars?.toLocaleString('en-US')} characters).`,
    );
  if (costly)
    parts.push(`The probe is estimated at ${usd(answer.totalUsd)}, above samsara.probes.confirmAboveUsd (${usd(answer.confirmAboveUsd)}).`);
  return {
    message: `Samsara: send this probe? ${parts.join(' ')}`,
    detail: `${lines.join('\n')}\n\nAnswers are assumed to be about 400 tokens each; the transcript will show the actual cost.`,
  };
}
