// Token counts when a provider reports none.

/** Rough count (about 4 characters a token) for providers that report no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
