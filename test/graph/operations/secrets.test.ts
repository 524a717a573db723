// No credential ever leaks: one graph logging at debug into memory, operations that reach every
// vendor (reads with remoteData, a search, a BesChannels write, CRM.COM logins, Zen totals,
// token refreshes after the simulators revoke tokens, vendor errors that echo secrets back),
// then every log line and every GraphQL response is searched for every secret in play.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenCache } from '../../../src/datasources/shared/token-cache.js';
import { createLogger } from '../../../src/logger.js';
import { json } from '../../../src/simulators/server.js';
import { errorCodes, useTestGraph } from '../../support/graph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
const YESTERDAY = '2026-11-22';
const TWO_DAYS_AGO = '2026-11-21';
const MINUTE = 60_000;

const LEANCORE_VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const CRMCOM_VALENTINA = 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162';
const MIXED_IDS = [LEANCORE_VALENTINA, 'beschannels:5880', CRMCOM_VALENTINA];

const READ = `query ($ids: [ID!]!) { leads(ids: $ids) { id vendor fullName phone remoteData customFields { name value } } }`;
const SEARCH = `query ($phone: String, $vendors: [Vendor!]) {
  searchLeads(phone: $phone, vendors: $vendors) {
    leads { id remoteData }
    outcomes { vendor status code message }
  }
}`;
const CREATE = `mutation ($input: CreateLeadInput!) { createLead(input: $input) { id phone remoteData } }`;
const TOTALS = `query ($date: Date!) { distributionTotals(date: $date) { date stale users { name totalLeads } } }`;

let clock = NOON_SAO_PAULO;
const lines: string[] = [];
const t = useTestGraph({
  now: () => clock,
  logger: createLogger('debug', { write: (line: string) => lines.push(line) }),
});
beforeAll(() => {
  t.sims.zen.now = () => clock;
  t.sims.crmcom.now = () => clock;
});

/** Everything a client was sent, as it was sent. */
const responses: unknown[] = [];
async function run(query: string, variables?: Record<string, unknown>) {
  const result = await t.execute(query, variables);
  responses.push(JSON.parse(JSON.stringify(result)));
  return result;
}

const besToken = () => t.sims.beschannels.issuedTokens().at(-1) ?? '';
const crmcomTokensUsed = () =>
  [...new Set(t.sims.crmcom.requests.map((r) => r.query['token']).filter((v) => v !== undefined))] as string[];

describe('secrets', () => {
  it('never appear in a log line or a response, whatever the vendors answer', async () => {
    const { leancore, beschannels, crmcom, zen } = t.sims;

    // Reads of every lead vendor, remoteData included; the first BesChannels token and CRM.COM login.
    const read = await run(READ, { ids: MIXED_IDS });
    expect(errorCodes(read)).toEqual([]);
    const remoteData = (read.data?.['leads'] as { remoteData: unknown }[]).map((l) => l.remoteData);
    expect(remoteData.every((r) => r !== null && typeof r === 'object')).toBe(true);

    // A search across every vendor (Zen asked by name: UNSUPPORTED).
    const search = await run(SEARCH, {
      phone: '+57 313 643 4030',
      vendors: ['LEANCORE', 'BESCHANNELS', 'CRMCOM', 'ZEN'],
    });
    expect(errorCodes(search)).toEqual([]);

    // A BesChannels write, and one it refuses (its msg comes back in the error).
    expect(errorCodes(await run(CREATE, { input: { fullName: 'Sofía Castro', phone: '310 555 0199' } }))).toEqual([]);
    expect(errorCodes(await run(CREATE, { input: { phone: '+57 313 643 4030' } }))).toEqual(['UPSTREAM_REJECTED']);

    // Zen totals (its token travels in a header).
    const totals = await run(TOTALS, { date: YESTERDAY });
    expect(errorCodes(totals)).toEqual([]);

    // Every token revoked at the vendors: BesChannels and CRM.COM refuse, we get new ones and replay.
    beschannels.expireTokens();
    crmcom.expireTokens();
    expect(errorCodes(await run(READ, { ids: MIXED_IDS }))).toEqual([]);
    expect(beschannels.issuedTokens()).toHaveLength(2);
    expect(crmcom.requestsTo('/authentication/token')).toHaveLength(2);

    // Vendors that echo our secrets back in their error messages.
    leancore.inject({ path: '/lead', response: json(401, { message: `Token ${leancore.token} inválido` }), times: 1 });
    beschannels.inject({
      path: '/leads-details',
      response: json(200, {
        code: 40010,
        msg: `参数错误 access_token=${besToken()} app_secret=${beschannels.appSecret}`,
        data: null,
      }),
      times: 1,
    });
    const currentCrmcomToken = crmcomTokensUsed().at(-1) ?? '';
    crmcom.inject({
      path: '/leads/show',
      response: json(200, {
        data: null,
        status: {
          code: 'UNEXPECTED_ERROR',
          message: `Session ${currentCrmcomToken} of leadgraph/${crmcom.credentials.password} failed`,
          description: '',
        },
      }),
      times: 1,
    });
    const echoed = await run(READ, { ids: MIXED_IDS });
    expect(errorCodes(echoed).sort()).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_REJECTED', 'UPSTREAM_UNAUTHORIZED']);

    // A login refused with a message echoing the password; the app secret echoed by the token call.
    crmcom.expireTokens();
    crmcom.inject({
      path: '/authentication/token',
      response: json(200, {
        data: null,
        status: { code: 'INVALID_LOGIN', message: `Wrong password ${crmcom.credentials.password}`, description: '' },
      }),
      times: 1,
    });
    beschannels.expireTokens();
    beschannels.inject({
      path: '/get-access-token',
      response: json(200, { code: 40013, msg: `app_secret ${beschannels.appSecret} 错误`, data: null }),
      times: 1,
    });
    const refused = await run(READ, { ids: MIXED_IDS });
    expect(errorCodes(refused)).toEqual(['UPSTREAM_UNAUTHORIZED', 'UPSTREAM_UNAUTHORIZED']);

    // Zen echoing its token, after its 5-minute window.
    clock += 6 * MINUTE;
    zen.inject({ response: json(500, { error: `token ${zen.token} recusado` }), times: 1 });
    expect(errorCodes(await run(TOTALS, { date: TWO_DAYS_AGO }))).toEqual(['UPSTREAM_ERROR']);

    // Every secret in play: configured credentials and every token the simulators issued.
    // CRM.COM keeps its tokens to itself; every login's token was used, so the requests show them all.
    const crmcomTokens = crmcomTokensUsed();
    expect(crmcomTokens).toHaveLength(crmcom.requestsTo('/authentication/token').length - 1); // the last login failed
    const secrets = [
      leancore.token,
      beschannels.appSecret,
      ...beschannels.issuedTokens(),
      crmcom.credentials.password,
      ...crmcomTokens,
      zen.token,
    ];
    expect(secrets).toHaveLength(8);

    // The checks below can fail: the logs hold calls to every vendor, their failures, and masks.
    const logged = lines.join('\n');
    for (const vendor of ['LEANCORE', 'BESCHANNELS', 'CRMCOM', 'ZEN']) {
      expect(logged).toMatch(new RegExp(`"vendor":"${vendor}".*"msg":"vendor call"`));
    }
    expect(logged).toContain('vendor call failed');
    expect(logged).toContain('access_token=%5BREDACTED%5D');
    expect(logged).toContain('token=%5BREDACTED%5D');
    // The responses hold the vendors' (redacted) messages.
    const answered = JSON.stringify(responses);
    expect(answered).toContain('[REDACTED]');
    expect(answered).toContain('remoteData');

    // …and the secrets are real: the vendors did receive them (a search for them would find them).
    const received = JSON.stringify([leancore.requests, beschannels.requests, crmcom.requests, zen.requests]);
    for (const secret of secrets) expect(received).toContain(secret);

    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(8);
      expect(logged, 'a log line').not.toContain(secret);
      expect(answered, 'a response').not.toContain(secret);
    }
  });

  it('are scrubbed even when a call still carried a token the cache already replaced', async () => {
    const { beschannels, crmcom } = t.sims;
    // A token of each in the cache.
    expect(errorCodes(await run(READ, { ids: ['beschannels:5878', CRMCOM_VALENTINA] }))).toEqual([]);
    const besOld = besToken();
    const crmcomOld = crmcomTokensUsed().at(-1) ?? '';
    // Both vendors refuse the token on two concurrent calls, echoing it; the second answer comes
    // late, after the first refusal made us drop that token and get a new one.
    beschannels.expireTokens(); // so the vendor issues a new token, not the same one again
    const besRefusal = json(200, { code: 42001, msg: `access_token ${besOld} 已过期`, data: null });
    beschannels.inject({ path: '/leads-details', response: besRefusal, times: 1 });
    beschannels.inject({ path: '/leads-details', response: besRefusal, delayMs: 100, times: 1 });
    const crmcomRefusal = json(200, {
      data: null,
      status: { code: 'INVALID_TOKEN', message: `Token ${crmcomOld} has expired`, description: '' },
    });
    crmcom.inject({ path: '/leads/show', response: crmcomRefusal, times: 1 });
    crmcom.inject({ path: '/leads/show', response: crmcomRefusal, delayMs: 100, times: 1 });

    const ids = ['beschannels:5879', 'beschannels:5880', CRMCOM_VALENTINA, 'crmcom:68B216C3A0E14173B48ED3FF4EB11182'];
    expect(errorCodes(await run(`query ($ids: [ID!]!) { leads(ids: $ids) { id } }`, { ids }))).toEqual([]);
    expect(besToken()).not.toBe(besOld);
    expect(crmcomTokensUsed().at(-1)).not.toBe(crmcomOld);

    // The refusals were remembered as each vendor's last error, which clients can read.
    const vendors = await run(`{ vendors { vendor lastError { code message } } }`);
    const lastErrors = JSON.stringify(vendors);
    expect(lastErrors).toContain('已过期');
    expect(lastErrors).toContain('has expired');
    for (const secret of [besOld, crmcomOld]) {
      expect(lastErrors).not.toContain(secret);
      expect(lines.join('\n')).not.toContain(secret);
    }
  });
});

describe('TokenCache scrub list', () => {
  it('keeps renewed and dropped tokens as secrets, the last 32 of them', async () => {
    const cache = new TokenCache();
    let n = 0;
    const issue = () => Promise.resolve({ value: `token-${++n}`, expiresAt: Number.MAX_SAFE_INTEGER });
    const first = await cache.get('k', issue);
    cache.invalidate('k', first); // refused: dropped
    const second = await cache.get('k', issue);
    expect(cache.secrets()).toEqual([second, first]);
    for (let i = 0; i < 40; i++) cache.invalidate('k', await cache.get('k', issue));
    const secrets = cache.secrets();
    expect(secrets).toHaveLength(32);
    expect(secrets).toContain('token-41'); // the last one dropped
    expect(secrets).not.toContain(first);
  });

  it('scrubs a token replaced by a refresh ahead of its expiry', async () => {
    let clock = 0;
    const cache = new TokenCache({ now: () => clock, refreshAheadMs: 1_000 });
    let n = 0;
    const issue = () => Promise.resolve({ value: `token-${++n}`, expiresAt: clock + 10_000 });
    await cache.get('k', issue);
    clock += 9_500; // inside the refresh-ahead margin: the live token serves while a new one is issued
    expect(await cache.get('k', issue)).toBe('token-1');
    await vi.waitFor(() => expect(cache.secrets()).toEqual(['token-2', 'token-1']));
    expect(await cache.get('k', issue)).toBe('token-2');
  });
});
