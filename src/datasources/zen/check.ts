// Zen's sequence: one call for today's totals, and only when asked (`--zen`): Zen answers one
// call per token every 5 minutes, and this call spends that window for every replica.
import type { ZenConfig } from './api.js';
import { isoDateIn } from './dates.js';
import { zenErrorMessage, zenOrigin, zenRequestTarget, zenTotalsSchema } from './mapping.js';
import { SEND_TRANSCRIPT, notJson, unknownShape } from '../../vendor-check/judge.js';
import type { VendorProbe } from '../../vendor-check/probe.js';

export function zenProbe(config: ZenConfig, options: { spendWindow: boolean; now: () => number }): VendorProbe {
  return {
    vendor: 'ZEN',
    baseUrl: zenOrigin(config.baseUrl),
    timeoutMs: config.timeoutMs,
    secrets: [config.token],
    // Never at start: the start-up check must not spend Zen's window.
    startupSteps: 0,
    spendsRateWindow: true,
    steps: [
      {
        name: 'totals',
        capability: "today's distribution totals and Zen's error body",
        reliedOn: true,
        async run({ call }) {
          if (!options.spendWindow) {
            return { skip: 'not called: Zen allows one call per 5 minutes; pass --zen to spend the window' };
          }
          const { path } = zenRequestTarget(config.baseUrl, isoDateIn(config.timeZone, options.now()));
          const answer = await call({ method: 'GET', path, headers: { token: config.token } });
          const unreadable = notJson(answer);
          if (unreadable) return unreadable;
          const message = zenErrorMessage(answer.body);
          const ok = answer.status >= 200 && answer.status < 300;
          if (message !== undefined) {
            const dialect = ok ? 'error in HTTP 200' : 'error with its HTTP status';
            const refused = answer.status === 401 || answer.status === 403 || /\btoken\b/i.test(message);
            return {
              verdict: 'failed',
              envelope: '{error}',
              dialect,
              note: refused
                ? 'refused our token (its {error} body is one the adapter reads)'
                : answer.status === 429
                  ? 'the window was already spent (HTTP 429): run the check again in 5 minutes'
                  : `answered an error (HTTP ${answer.status}), in a body the adapter reads`,
              ...(refused ? { advice: 'check ZEN_TOKEN (and ZEN_URL, from Zen’s Integration screen)' } : {}),
            };
          }
          if (!ok) {
            return unknownShape(
              `answered HTTP ${answer.status} with an error body the adapter does not know`,
              answer.body,
              { advice: `check ZEN_URL; ${SEND_TRANSCRIPT}` },
            );
          }
          if (!zenTotalsSchema.safeParse(answer.body).success) {
            return unknownShape('answered totals the adapter cannot read', answer.body);
          }
          return { verdict: 'confirmed', envelope: '{data, usuarios, erros}', dialect: 'totals', note: 'totals read' };
        },
      },
    ],
  };
}
