// What every vendor's probes share: the values that cannot exist, and how an HTTP refusal reads.
import type { ProbeAnswer, Judgement } from './probe.js';
import { describeShape } from './shape.js';

/** Lookups that must find nothing: no vendor can hold these (and none of them is anyone's). */
export const IMPOSSIBLE = {
  /** +999 is a calling code the ITU keeps unassigned. */
  phone: '+99900000000',
  /** `.invalid` can never be a real domain (RFC 2606). */
  email: 'no-such-lead@vendor-check.invalid',
} as const;

/**
 * A refusal told by the HTTP status alone (the envelopes say the rest), or undefined. `settings`
 * names the variables that decide what was refused.
 */
export function httpRefusal(
  answer: ProbeAnswer,
  settings: { credentials: string; path: string },
): Judgement | undefined {
  const { status } = answer;
  if (status >= 200 && status < 300) return undefined;
  const shape = describeShape(answer.body);
  if (status === 401 || status === 403) {
    return {
      verdict: 'failed',
      note: `refused our credentials (HTTP ${status})`,
      advice: `check ${settings.credentials}`,
      shape,
    };
  }
  if (status === 404 || status === 405) {
    return {
      verdict: 'failed',
      note: `has no such endpoint (HTTP ${status})`,
      advice: `check ${settings.path}`,
      shape,
    };
  }
  if (status === 429)
    return { verdict: 'failed', note: 'asked us to slow down (HTTP 429): run the check later', shape };
  return { verdict: 'failed', note: `failed with HTTP ${status}`, advice: 'run the check again later', shape };
}

/** An answer that is not JSON at all. */
export function notJson(answer: ProbeAnswer): Judgement | undefined {
  if (!answer.notJson) return undefined;
  return {
    verdict: 'unknown-shape',
    note: `answered HTTP ${answer.status} with a body that is not JSON`,
    shape: 'text',
    advice: 'check the base URL; if it is right, send us the transcript (--record)',
  };
}

/** An answer the adapter cannot read, described by its keys and types (never its values). */
export function unknownShape(
  note: string,
  value: unknown,
  { envelope, advice = SEND_TRANSCRIPT }: { envelope?: string | undefined; advice?: string } = {},
): Judgement {
  return { verdict: 'unknown-shape', envelope, note, shape: describeShape(value), advice };
}

export const SEND_TRANSCRIPT = 'send us the transcript (--record DIR) so that the adapter can learn this shape';
