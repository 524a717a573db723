// LeanCore's sequence: its token is fixed (LEANCORE_TOKEN), so one lookup by a phone that
// cannot exist checks the token, the path and the "no such lead" answer at once. LeanCore
// cannot look up by email, list or keep remarks.
import type { LeanCoreConfig } from './api.js';
import { LEANCORE_PATHS, leanCoreLeadSchema } from './mapping.js';
import { IMPOSSIBLE, SEND_TRANSCRIPT, httpRefusal, notJson, unknownShape } from '../../vendor-check/judge.js';
import type { VendorProbe } from '../../vendor-check/probe.js';

export function leanCoreProbe(config: LeanCoreConfig): VendorProbe {
  return {
    vendor: 'LEANCORE',
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    secrets: [config.token],
    startupSteps: 1,
    steps: [
      {
        name: 'lookupByPhone',
        capability: 'the token, and a phone without a lead',
        reliedOn: true,
        async run({ call }) {
          const answer = await call({
            method: 'GET',
            path: LEANCORE_PATHS.leadByPhone,
            // LeanCore's phone form: digits with the country code.
            searchParams: { phone: IMPOSSIBLE.phone.replace(/^\+/, '') },
            headers: { authorization: `Bearer ${config.token}` },
          });
          // The adapter reads LeanCore's 404 as "no lead", whatever its body says; a page that is
          // not JSON is a web server's, not LeanCore's API (a wrong base URL looks the same otherwise).
          if (answer.status === 404 && answer.notJson) {
            return {
              verdict: 'failed',
              note: 'answered HTTP 404 with a page that is not JSON: probably not the LeanCore API',
              advice: 'check LEANCORE_BASE_URL',
            };
          }
          if (answer.status === 404) {
            return { verdict: 'confirmed', dialect: 'not-found-404', note: 'token accepted; no lead is HTTP 404' };
          }
          const refused = httpRefusal(answer, { credentials: 'LEANCORE_TOKEN', path: 'LEANCORE_BASE_URL' });
          if (refused) return refused;
          const unreadable = notJson(answer);
          if (unreadable) return unreadable;
          if (leanCoreLeadSchema.safeParse(answer.body).success) {
            return {
              verdict: 'failed',
              dialect: 'lead',
              note: 'answered a lead for a phone no lead can have',
              advice: 'check LEANCORE_BASE_URL points at the lead API; ' + SEND_TRANSCRIPT,
            };
          }
          return unknownShape(
            `answered HTTP ${answer.status} for a phone without a lead, in a shape the adapter cannot read`,
            answer.body,
          );
        },
      },
    ],
  };
}
