// Every answer of the sidecar is checked against the protocol's schema: a mismatch is reported
// (naming the action and the field), never trusted.
import type { z } from 'zod';
import { SidecarError } from './errors';

export function parseAnswer<T>(schema: z.ZodType<T>, data: unknown, action: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SidecarError(
    'SIDECAR_BAD_RESPONSE',
    `The sidecar answered ${action} with data that does not match protocol 1: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    false,
  );
}
