// The vendor check (issue 25) against the simulators over HTTP, in each dialect they speak:
// verdicts, unknown shapes (keys and types only), no planted secret or personal value in the
// report or the transcript, and Zen called only when asked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VendorConfigs } from '../../../src/config.js';
import { ZEN_DEFAULTS } from '../../../src/datasources/zen/api.js';
import { isoDateIn } from '../../../src/datasources/zen/dates.js';
import { createLogger } from '../../../src/logger.js';
import { BesChannelsSimulator, type BesChannelsDialect } from '../../../src/simulators/beschannels.js';
import { CRMCOM_DEFAULT_DIALECT, CrmComSimulator, type CrmComDialect } from '../../../src/simulators/crmcom.js';
import { LeanCoreSimulator } from '../../../src/simulators/leancore.js';
import { json } from '../../../src/simulators/server.js';
import { ZenSimulator } from '../../../src/simulators/zen.js';
import { zenSeedTotals } from '../../../src/simulators/zen-seed.js';
import { exitCodeOf, renderJson, renderText } from '../../../src/vendor-check/report.js';
import { checkVendors, probesFor, type VendorCheckResult, type VendorReport } from '../../../src/vendor-check/run.js';
import { checkVendorsAtStart } from '../../../src/vendor-check/startup.js';
import { transcriptOf } from '../../../src/vendor-check/transcript.js';

/** Recognisable values: none may appear in anything the check prints or writes. */
const PLANTED = {
  leancoreToken: 'PLANTED-SECRET-leancore-7f3a9c',
  besAppId: 'planted-bes-app-id-51d0',
  besAppSecret: 'PLANTED-SECRET-bes-app-secret-88e2',
  crmUser: 'planted-crm-user-0c41',
  crmPassword: 'PLANTED-SECRET-crm-password-4b19',
  crmOrganisation: 'Planted Org 6d2e',
  zenToken: 'PLANTED-SECRET-zen-token-a0b7',
  name: 'Quillonda Vexmarsh',
  email: 'quillonda.vexmarsh@planted-example.org',
  phone: '+86 186 7312 9045',
  remark: 'Planted remark: call Quillonda about the loan',
  zenUser: 'Zorbelina Quistrand',
} as const;

const NOW = Date.UTC(2026, 5, 15, 15, 0, 0);
const TODAY = isoDateIn(ZEN_DEFAULTS.timeZone, NOW);

let sims: {
  leancore: LeanCoreSimulator;
  beschannels: BesChannelsSimulator;
  crmcom: CrmComSimulator;
  zen: ZenSimulator;
};

beforeEach(async () => {
  sims = {
    leancore: new LeanCoreSimulator(PLANTED.leancoreToken),
    beschannels: new BesChannelsSimulator({ appId: PLANTED.besAppId, appSecret: PLANTED.besAppSecret }),
    crmcom: new CrmComSimulator({
      username: PLANTED.crmUser,
      password: PLANTED.crmPassword,
      organisation: PLANTED.crmOrganisation,
    }),
    zen: new ZenSimulator({ token: PLANTED.zenToken, now: () => NOW }),
  };
  await Promise.all(Object.values(sims).map((sim) => sim.start()));
  plantPersonalValues();
});

afterEach(async () => {
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
});

/** The first lead each list page shows carries the planted name, email, phone and remark. */
function plantPersonalValues(): void {
  const bes = [...sims.beschannels.leads].sort((a, b) => a.leads_id - b.leads_id)[0]!;
  Object.assign(bes, { FullName: PLANTED.name, Email: PLANTED.email, MobilePhone: PLANTED.phone });
  sims.beschannels.remarks.push({
    id: 9_001,
    leads_id: bes.leads_id,
    content: PLANTED.remark,
    create_time: '2026-06-01 10:00:00',
    user_id: '',
    user_name: '',
  });
  const crm = sims.crmcom.leads[0]!;
  crm['contact_email'] = PLANTED.email;
  crm['contact_phone'] = PLANTED.phone;
  crm['contact_information'] = {
    ...(crm['contact_information'] as object),
    first_name: PLANTED.name.split(' ')[0],
    last_name: PLANTED.name.split(' ')[1],
  };
  const totals = zenSeedTotals(TODAY);
  sims.zen.setTotals(TODAY, {
    ...totals,
    usuarios: (totals.usuarios ?? []).map((u) => ({ ...u, nome: PLANTED.zenUser })),
  });
}

function vendorConfigs(): VendorConfigs {
  const common = { timeoutMs: 2_000, maxConcurrency: 4, maxQueue: 10, mode: 'LIVE' as const };
  return {
    leancore: { ...common, baseUrl: sims.leancore.url, token: PLANTED.leancoreToken },
    beschannels: {
      ...common,
      baseUrl: sims.beschannels.url,
      appId: PLANTED.besAppId,
      appSecret: PLANTED.besAppSecret,
    },
    crmcom: {
      ...common,
      baseUrl: sims.crmcom.apiUrl,
      username: PLANTED.crmUser,
      password: PLANTED.crmPassword,
      organisation: PLANTED.crmOrganisation,
    },
    zen: { ...common, ...ZEN_DEFAULTS, baseUrl: sims.zen.integrationUrl, token: PLANTED.zenToken },
  };
}

async function check(options: { zen?: boolean } = {}) {
  const results = await checkVendors(probesFor(vendorConfigs(), { zen: options.zen ?? false, now: () => NOW }));
  return { results, reports: results.map((r) => r.report) };
}

function reportOf(reports: readonly VendorReport[], vendor: VendorReport['vendor']): VendorReport {
  const report = reports.find((r) => r.vendor === vendor);
  if (!report) throw new Error(`no report for ${vendor}`);
  return report;
}

/** Each step's verdict (and dialect), by step name. */
function verdicts(report: VendorReport): Record<string, string> {
  return Object.fromEntries(report.steps.map((s) => [s.step, s.verdict]));
}

function dialects(report: VendorReport): Record<string, string | null> {
  return Object.fromEntries(report.steps.map((s) => [s.step, s.dialect]));
}

/** Every secret the run used: the planted credentials and every token the simulators issued. */
function secretsSeen(): string[] {
  const tokens = [
    ...sims.beschannels.issuedTokens(),
    ...sims.crmcom.requests.map((r) => r.query['token']).filter((t): t is string => t !== undefined),
  ];
  expect(tokens.length).toBeGreaterThan(0);
  return [PLANTED.leancoreToken, PLANTED.besAppSecret, PLANTED.crmPassword, PLANTED.zenToken, ...tokens];
}

const PERSONAL = [
  PLANTED.name,
  ...PLANTED.name.split(' '),
  PLANTED.email,
  PLANTED.phone,
  PLANTED.remark,
  PLANTED.zenUser,
];

/** Everything the check prints or writes, as one text. */
function everythingWritten(results: readonly VendorCheckResult[]): string {
  const reports = results.map((r) => r.report);
  return [renderJson(reports), renderText(reports), ...results.map((r) => JSON.stringify(transcriptOf(r)))].join('\n');
}

describe('the vendor check against the simulators in their default dialects', () => {
  it('confirms every capability, skips Zen without --zen and never calls it, and exits 0', async () => {
    const { reports } = await check();
    expect(verdicts(reportOf(reports, 'LEANCORE'))).toEqual({ lookupByPhone: 'confirmed' });
    expect(verdicts(reportOf(reports, 'BESCHANNELS'))).toEqual({
      token: 'confirmed',
      lookupById: 'confirmed',
      lookupByPhone: 'confirmed',
      lookupByEmail: 'confirmed',
      list: 'confirmed',
      remarks: 'confirmed',
    });
    expect(verdicts(reportOf(reports, 'CRMCOM'))).toEqual({
      token: 'confirmed',
      lookupById: 'confirmed',
      lookupByPhone: 'confirmed',
      lookupByEmail: 'confirmed',
      list: 'confirmed',
      fieldsSet: 'confirmed',
    });
    // The contact filter is confirmed: the report tells the operator to turn the search on.
    expect(reportOf(reports, 'CRMCOM').steps.find((s) => s.step === 'lookupByPhone')?.advice).toMatch(
      /CRMCOM_CONTACT_SEARCH=true/,
    );
    const zen = reportOf(reports, 'ZEN');
    expect(verdicts(zen)).toEqual({ totals: 'skipped' });
    expect(zen.usedZenWindow).toBe(false);
    expect(sims.zen.requests).toHaveLength(0);
    expect(exitCodeOf(reports)).toBe(0);
    // Each step says what it called, what came back and how long it took.
    const details = reportOf(reports, 'BESCHANNELS').steps.find((s) => s.step === 'lookupById');
    expect(details).toMatchObject({
      request: 'POST leads/open-api/leads-details',
      status: 200,
      envelope: 'code=40004',
      dialect: 'known-code',
    });
    expect(details?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('makes only reads: no write path is ever called', async () => {
    await check({ zen: true });
    const besPaths = new Set(sims.beschannels.requests.map((r) => r.path));
    for (const write of ['create-leads', 'edit-leads', 'del-leads', 'leads-assignment', 'add-remarks']) {
      expect([...besPaths].some((p) => p.endsWith(write))).toBe(false);
    }
    expect(sims.leancore.requestsTo('/assign-lead-to-financial-entity')).toHaveLength(0);
  });

  it('with --zen: one Zen call, totals confirmed, and the report says the window was used', async () => {
    const { reports } = await check({ zen: true });
    const zen = reportOf(reports, 'ZEN');
    expect(verdicts(zen)).toEqual({ totals: 'confirmed' });
    expect(zen.usedZenWindow).toBe(true);
    expect(sims.zen.calls).toEqual([TODAY]);
    expect(renderText(reports)).toMatch(/used Zen's 5-minute window/);
  });
});

describe('BesChannels dialects', () => {
  const cases: {
    dialect: Partial<BesChannelsDialect>;
    expected: Record<string, string>;
    dialectOf?: Record<string, string>;
  }[] = [
    {
      dialect: { notFound: 'unknown-code-zh' },
      expected: { lookupById: 'fallback', lookupByPhone: 'fallback', lookupByEmail: 'fallback' },
      dialectOf: { lookupById: 'message' },
    },
    {
      dialect: { notFound: 'unknown-code-en' },
      expected: { lookupById: 'fallback', lookupByPhone: 'fallback', lookupByEmail: 'fallback' },
      dialectOf: { lookupById: 'message' },
    },
    {
      dialect: { listItems: 'flat' },
      expected: { list: 'fallback' },
      dialectOf: { list: 'items: flat, total: number' },
    },
    {
      dialect: { listItems: 'flat', flatOwner: 'label' },
      expected: { list: 'fallback' },
      dialectOf: { list: 'items: flat, total: number' },
    },
    {
      dialect: { listTotal: 'string' },
      expected: { list: 'fallback' },
      dialectOf: { list: 'items: field-list, total: string' },
    },
    {
      dialect: { listTotal: 'missing' },
      expected: { list: 'fallback' },
      dialectOf: { list: 'items: field-list, total: missing' },
    },
  ];

  it.each(cases)(
    '$dialect: fallbacks where expected, confirmed elsewhere, exit 0',
    async ({ dialect, expected, dialectOf }) => {
      sims.beschannels.setDialect(dialect);
      const { reports } = await check();
      const report = reportOf(reports, 'BESCHANNELS');
      const all = verdicts(report);
      for (const [step, verdict] of Object.entries(all))
        expect([step, verdict]).toEqual([step, expected[step] ?? 'confirmed']);
      expect(dialects(report)).toMatchObject(dialectOf ?? {});
      expect(exitCodeOf(reports)).toBe(0);
    },
  );
});

describe('CRM.COM dialects', () => {
  const cases: { dialect: Partial<CrmComDialect>; expected: Record<string, string>; failed: boolean }[] = [
    { dialect: { errorData: 'absent' }, expected: { lookupById: 'fallback' }, failed: false },
    { dialect: { errorData: 'empty-object' }, expected: { lookupById: 'fallback' }, failed: false },
    {
      dialect: { emptySearch: 'not-found' },
      expected: { lookupByPhone: 'fallback', lookupByEmail: 'fallback' },
      failed: false,
    },
    { dialect: { fieldsSet: 'ignored' }, expected: { fieldsSet: 'fallback' }, failed: false },
    // Not relied on while CRMCOM_CONTACT_SEARCH is off: reported as failed, the exit stays 0.
    {
      dialect: { contactFilter: 'ignored' },
      expected: { lookupByPhone: 'failed', lookupByEmail: 'failed' },
      failed: false,
    },
  ];

  it.each(cases)('$dialect: verdicts as expected', async ({ dialect, expected, failed }) => {
    sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT, ...dialect };
    const { reports } = await check();
    const report = reportOf(reports, 'CRMCOM');
    for (const [step, verdict] of Object.entries(verdicts(report))) {
      expect([step, verdict]).toEqual([step, expected[step] ?? 'confirmed']);
    }
    expect(report.failed).toBe(failed);
  });

  it('an ignored contact filter tells the operator to keep the search off', async () => {
    sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT, contactFilter: 'ignored' };
    const { reports } = await check();
    const phone = reportOf(reports, 'CRMCOM').steps.find((s) => s.step === 'lookupByPhone');
    expect(phone).toMatchObject({ dialect: 'filter ignored', reliedOn: false });
    expect(phone?.advice).toMatch(/keep CRMCOM_CONTACT_SEARCH off/);
  });
});

describe('Zen error dialects (with --zen)', () => {
  it.each([
    ['http-status', 'error with its HTTP status'],
    ['http-200', 'error in HTTP 200'],
  ] as const)('%s: the error body is recognised, the totals step fails', async (errorDialect, dialect) => {
    sims.zen.errorDialect = errorDialect;
    sims.zen.failure = { status: 500, message: 'Erro interno' };
    const { reports } = await check({ zen: true });
    const zen = reportOf(reports, 'ZEN');
    expect(zen.steps[0]).toMatchObject({ verdict: 'failed', envelope: '{error}', dialect });
    expect(exitCodeOf(reports)).toBe(1);
    expect(sims.zen.calls).toHaveLength(1);
  });
});

describe('a shape no adapter knows', () => {
  /** The planted person in a shape none of our dialects has. */
  const stranger = {
    ref: 7,
    persona: { nombre: PLANTED.name, correo: PLANTED.email, movil: PLANTED.phone, vip: true },
  };

  it('is "unknown shape" with keys and types only, at every vendor, and the exit is non-zero', async () => {
    sims.leancore.inject({ path: '/lead', response: json(200, { resultado: stranger }) });
    sims.beschannels.inject({
      path: '/leads-list',
      response: json(200, { code: 0, msg: 'ok', data: { list: [stranger], total: 1 } }),
    });
    sims.crmcom.inject({
      path: '/leads/list',
      response: json(200, { status: { code: 'OK' }, data: { rows: [stranger] } }),
    });
    sims.zen.setTotals(TODAY, { resultado: [stranger] });
    const { results, reports } = await check({ zen: true });

    const step = (vendor: VendorReport['vendor'], name: string) =>
      reportOf(reports, vendor).steps.find((s) => s.step === name)!;
    const persona = '{nombre: string, correo: string, movil: string, vip: boolean}';
    expect(step('LEANCORE', 'lookupByPhone')).toMatchObject({
      verdict: 'unknown-shape',
      shape: `{resultado: {ref: number, persona: ${persona}}}`,
    });
    expect(step('BESCHANNELS', 'list')).toMatchObject({
      verdict: 'unknown-shape',
      shape: `{ref: number, persona: ${persona}}`,
    });
    expect(step('CRMCOM', 'lookupByPhone')).toMatchObject({
      verdict: 'unknown-shape',
      shape: `{rows: array<{ref: number, persona: ${persona}}>}`,
    });
    expect(step('ZEN', 'totals')).toMatchObject({
      verdict: 'unknown-shape',
      shape: `{resultado: array<{ref: number, persona: ${persona}}>}`,
    });
    for (const vendor of ['LEANCORE', 'BESCHANNELS', 'CRMCOM', 'ZEN'] as const)
      expect(reportOf(reports, vendor).failed).toBe(true);
    expect(exitCodeOf(reports)).toBe(1);

    const written = everythingWritten(results);
    for (const value of [...PERSONAL, ...secretsSeen()]) expect(written).not.toContain(value);
    // The transcript keeps the unknown shape, its values replaced by their form.
    const bes = transcriptOf(results.find((r) => r.report.vendor === 'BESCHANNELS')!);
    const list = bes.entries.find((e) => e.step === 'list');
    expect(list?.response).toMatchObject({
      status: 200,
      body: { code: 0, data: { list: [{ ref: 9, persona: { nombre: 'Xxxxxxxxx Xxxxxxxx', vip: true } }], total: 1 } },
    });
  });
});

describe('secrets and personal values', () => {
  it('none appears in the report or the transcript, though the answers carried them', async () => {
    const { results } = await check({ zen: true });
    // The planted values did reach the check (so this test can fail)…
    const raw = JSON.stringify(results.flatMap((r) => r.session.calls));
    for (const value of [PLANTED.name, PLANTED.email, PLANTED.remark, PLANTED.zenUser, PLANTED.besAppSecret]) {
      expect(raw).toContain(value);
    }
    // …and none of them, nor any credential or token, left it.
    const written = everythingWritten(results);
    for (const value of [...PERSONAL, ...secretsSeen(), PLANTED.besAppId, PLANTED.crmUser]) {
      expect(written).not.toContain(value);
    }
    // Secrets the check sent are marked as such in the transcript.
    const bes = transcriptOf(results.find((r) => r.report.vendor === 'BESCHANNELS')!);
    expect(bes.entries[0]?.request.body).toEqual({ app_id: '[SECRET]', app_secret: '[SECRET]' });
    expect(bes.entries[1]?.request.query).toEqual({ access_token: '[SECRET]' });
  });

  it('refused credentials are "failed", naming the settings, never the values', async () => {
    const configs = vendorConfigs();
    configs.beschannels = { ...configs.beschannels!, appSecret: 'PLANTED-SECRET-wrong-secret-19cd' };
    configs.leancore = { ...configs.leancore!, token: 'PLANTED-SECRET-wrong-token-2e8a' };
    const results = await checkVendors(probesFor(configs, { zen: false }));
    const reports = results.map((r) => r.report);
    expect(reportOf(reports, 'BESCHANNELS').steps[0]).toMatchObject({ verdict: 'failed', envelope: 'code=40013' });
    expect(reportOf(reports, 'BESCHANNELS').steps[0]?.advice).toMatch(/BESCHANNELS_APP_SECRET/);
    expect(verdicts(reportOf(reports, 'BESCHANNELS'))).toMatchObject({ lookupById: 'skipped', list: 'skipped' });
    expect(reportOf(reports, 'LEANCORE').steps[0]).toMatchObject({ verdict: 'failed', status: 401 });
    expect(exitCodeOf(reports)).toBe(1);
    const written = everythingWritten(results);
    expect(written).not.toContain('PLANTED-SECRET');
  });

  it('a vendor that cannot be reached is "failed" with the reason, not a crash', async () => {
    const configs = vendorConfigs();
    await sims.leancore.close();
    const reports = (await checkVendors(probesFor(configs, { zen: false }))).map((r) => r.report);
    expect(reportOf(reports, 'LEANCORE').steps[0]).toMatchObject({
      verdict: 'failed',
      status: null,
      note: expect.stringMatching(/could not be reached \(ECONNREFUSED\)/) as unknown,
    });
  });
});

describe('the start-up check', () => {
  it('is the first steps of each sequence: a token and one cheap read per vendor, Zen never', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const reports = await checkVendorsAtStart(vendorConfigs(), logger);
    expect(reports.map((r) => [r.vendor, r.steps.map((s) => `${s.step}:${s.verdict}`)])).toEqual([
      ['LEANCORE', ['lookupByPhone:confirmed']],
      ['BESCHANNELS', ['token:confirmed', 'lookupById:confirmed']],
      ['CRMCOM', ['token:confirmed', 'lookupById:confirmed']],
    ]);
    expect(sims.beschannels.requests.map((r) => r.path)).toEqual([
      '/api/get-access-token',
      '/leads/open-api/leads-details',
    ]);
    expect(sims.crmcom.requests.map((r) => r.path)).toEqual([
      '/crmapi/rest/v2/authentication/token',
      '/crmapi/rest/v2/leads/show',
    ]);
    expect(sims.leancore.requests).toHaveLength(1);
    expect(sims.zen.requests).toHaveLength(0);
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'start-up vendor check: LeanCore answers as expected',
        'start-up vendor check: BesChannels answers as expected',
        'start-up vendor check: CRM.COM answers as expected',
        expect.stringMatching(/^start-up vendor check: Zen not called/) as unknown,
      ]),
    );
    for (const value of secretsSeen()) expect(lines.join('\n')).not.toContain(value);
  });

  it('logs a refusing vendor as a warning that names the settings', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const configs = vendorConfigs();
    await checkVendorsAtStart({ crmcom: { ...configs.crmcom!, password: 'PLANTED-SECRET-wrong-5e1f' } }, logger);
    const warning = lines.map((line) => JSON.parse(line) as { level: number; msg: string; vendor: string }).at(-1);
    expect(warning).toMatchObject({ level: 40, vendor: 'CRMCOM' });
    expect(warning?.msg).toMatch(/CRM\.COM token failed: refused our credentials \(check CRMCOM_USERNAME/);
    expect(lines.join('\n')).not.toContain('PLANTED-SECRET');
  });
});

describe('LeanCore behind a wrong base URL', () => {
  it('a 404 page that is not JSON is "failed", not a confirmed "no lead"', async () => {
    sims.leancore.inject({ path: '/lead', response: { status: 404, text: '<html><body>Not Found</body></html>' } });
    const { reports } = await check();
    expect(reportOf(reports, 'LEANCORE').steps[0]).toMatchObject({ verdict: 'failed', status: 404 });
    expect(reportOf(reports, 'LEANCORE').steps[0]?.advice).toMatch(/LEANCORE_BASE_URL/);
  });
});
