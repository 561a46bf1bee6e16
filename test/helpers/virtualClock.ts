// Virtual time for the per-provider rate-limit pauses (server/src/probes/semaphore.ts): the clock
// moves only while a request waits out a pause (to the pause's end), so a test asserts when each
// request went out without sleeping. And a fake provider that rate-limits the first of two
// requests sent together, recording the virtual time each request arrived.
import type { PauseClock } from '../../server/src/probes/semaphore';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProviders/fakeProvider';

export function virtualClock(): PauseClock & { waits: number[] } {
  const clock = {
    t: 0,
    waits: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      await Promise.resolve();
      clock.t = Math.max(clock.t, clock.t + ms);
    },
  };
  return clock;
}

export interface RateLimitingProvider {
  fake: FakeProvider;
  /** The virtual time each request (1-based) arrived. */
  sentAt: number[];
  /** Call from the retry wait of the job told to wait: the second request is answered then. */
  told(): void;
}

/**
 * Request 1 gets a 429 with `headers` once request 2 has arrived (the two went out together);
 * request 2 is answered once told() is called (the first job has its 429 and waits to retry), so
 * the requests after those two are the ones a pause must hold. Every other request is answered.
 */
export async function rateLimitingProvider(clock: PauseClock, headers: Record<string, string>): Promise<RateLimitingProvider> {
  const sentAt: number[] = [];
  let told: () => void = () => undefined;
  const after429 = new Promise<void>((resolve) => (told = resolve));
  let second: () => void = () => undefined;
  const secondSent = new Promise<void>((resolve) => (second = resolve));
  const fake = await startFakeProvider('openai', {
    respond: (r) => {
      sentAt[r.n] = clock.now();
      if (r.n === 1)
        return {
          kind: 'wait',
          until: secondSent,
          then: { kind: 'error', status: 429, type: 'rate_limit_exceeded', message: 'slow down', headers },
        };
      if (r.n === 2) {
        second();
        return { kind: 'wait', until: after429, then: { kind: 'reply', text: 'Ada Lovelace.' } };
      }
      return { kind: 'reply', text: 'Ada Lovelace.' };
    },
  });
  return { fake, sentAt, told: () => told() };
}
