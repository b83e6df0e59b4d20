// Sends a check answer to the server and returns the graded result (correctness, explanations, what comes next).
import type { CheckResult } from './types';
import { uuid } from './uuid';

export type AnswerCheck = (tipId: string, optionIds: string[], elapsedMs: number) => Promise<CheckResult>;

/** text/plain keeps the request simple (no CORS preflight), as for events. */
export function createAnswerClient(server: string, key: string, learnerId: () => string, win: Window,
  traits: () => Record<string, string> = () => ({}), signature: () => string | undefined = () => undefined): AnswerCheck {
  return async (tipId, optionIds, elapsedMs) => {
    const response = await win.fetch(`${server}/api/v1/checks/${encodeURIComponent(tipId)}/answers?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ learnerId: learnerId(), learnerSignature: signature(), optionIds, elapsedMs, eventId: uuid(), url: win.location.href, traits: traits() }),
    });
    if (!response.ok) throw new Error(`answer refused: ${response.status}`);
    return (await response.json()) as CheckResult;
  };
}
