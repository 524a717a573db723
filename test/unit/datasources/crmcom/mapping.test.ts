import { describe, expect, it } from 'vitest';
import {
  crmComEnvelopeSchema,
  crmComLeadListSchema,
  crmComLeadSchema,
  mapCrmComLead,
} from '../../../../src/datasources/crmcom/mapping.js';
import { CRMCOM_ENVELOPE, CRMCOM_ERRORS, isCrmComTokenRejected } from '../../../../src/datasources/crmcom/api.js';
import { openEnvelope } from '../../../../src/datasources/shared/envelope.js';
import { VendorHttpClient } from '../../../../src/datasources/shared/http.js';
import { MemoryStore } from '../../../../src/datasources/shared/store/index.js';
import { VendorGuard } from '../../../../src/datasources/shared/vendor-guard.js';
import { VendorErrorLog } from '../../../../src/datasources/shared/vendor-errors.js';
import type { UpstreamError } from '../../../../src/errors.js';
import { createLogger } from '../../../../src/logger.js';
import { CRMCOM_LEADS } from '../../../../src/simulators/crmcom-seed.js';

function seed(number: string) {
  const raw = CRMCOM_LEADS.find((l) => l.number === number);
  if (!raw) throw new Error(`no seed lead ${number}`);
  return raw;
}

const map = (raw: unknown) => mapCrmComLead(crmComLeadSchema.parse(raw), raw, 'CO');

describe('CRM.COM lead mapping', () => {
  it('maps a full lead like Example 2 of the CRM.COM page', () => {
    const raw = seed('116');
    const lead = map(raw);
    expect(lead).toEqual({
      id: 'crmcom:68B216C3A0E14173B48ED3FF4EB11182',
      vendor: 'CRMCOM',
      remoteId: '68B216C3A0E14173B48ED3FF4EB11182',
      firstName: 'Eleni',
      lastName: 'Test Leads',
      fullName: 'Eleni Test Leads',
      companyName: null,
      email: null,
      phone: null,
      status: 'Interest',
      score: null,
      address: { formatted: null, street: null, city: null, region: null, country: 'CYPRUS' },
      owner: { id: '9A2CF58F91D94B8B981C33275BA20880', name: 'Eleni 3 Michailidou', email: 'e_michailidou@crm.com' },
      financialEntity: null,
      customFields: [],
      remoteData: raw,
      crmcom: {
        number: '116',
        lifeCycleState: 'IN_PROGRESS',
        statusDetails: { id: 'C5C0EEDEC510465F963E1772E56A5B9C', name: 'Interest', code: 'INT', description: null },
        category: { id: '614B3A5B38A942E6A74052C4F4606573', name: 'TV Advert', code: 'TA', description: null },
        type: { id: '2783ED2B25B242A78D450A10818FD54F', name: '3-Play Mall Campaign', code: 'TPMC', description: null },
        source: { type: 'RECOMMENDEDBYCONTACT', recommendedBy: null },
        priority: 1,
        importance: 'IMPORTANCE1',
        assignedUser: {
          id: '9A2CF58F91D94B8B981C33275BA20880',
          username: 'emichailidou',
          personName: 'Eleni 3 Michailidou',
          email: 'e_michailidou@crm.com',
        },
        assignedUnit: { id: '1', name: 'Admin Unit', code: 'adminunit', description: 'admin unit' },
        ownedByGroup: { id: '1', name: 'Main Group', code: 'MG', description: 'Main Group' },
        startDate: '2018-01-16T08:39:43',
        expectedCompletionDate: '2018-01-30T08:39:43',
        actualCompletionDate: null,
        targetAmount: null,
        probabilityToWin: null,
        lostReason: null,
        description: null,
        privacyLevel: null,
        contactType: 'PERSON',
        contactLifeCycleState: 'FINANCIAL',
        productsSet: [
          {
            id: '91F6B5459FC642CFB44BE46A0F22E523',
            product: null,
            productType: null,
            productFamily: { id: '5432773B865246E3B10A47CD130183C7', name: 'Channels', code: 'CH', description: null },
            productBrand: null,
            classification: null,
          },
          {
            id: 'F7D86F21653E417FB6C4D1AE665A0C41',
            product: null,
            productType: null,
            productFamily: null,
            productBrand: {
              id: '5A917782ACA648B3BEAF417D1E64C43F',
              name: 'Corso Shoes',
              code: 'CS',
              description: null,
            },
            classification: null,
          },
        ],
        servicesSet: [],
        physicalGoodsSet: [],
        competitors: [
          { id: '640A12797E964BFC99F8AF0EA538EEEA', name: 'MagnaQuest', code: null, description: null },
          { id: '0CC8A3BDCA7B41B78058D0A178390B06', name: 'Zuora', code: null, description: null },
        ],
        createdAt: '2018-01-16T08:39:43',
        updatedAt: '2018-01-16T23:28:59',
      },
    });
  });

  it('maps Example 1: products of a services set, the employee who recommended the lead', () => {
    const lead = map(seed('19'));
    expect(lead.crmcom?.servicesSet[1]).toEqual({
      id: 'CDEA1D2998BD4998B36ACF034CCD9B94',
      product: {
        id: '3FACF409E7E091F96C52318BAD1AEF1C',
        name: 'Local + Documentaries + Sport',
        code: 'LDS',
        description: 'Local + Documentaries + Sport',
      },
      productType: null,
      productFamily: null,
      productBrand: null,
      classification: 'SERVICES',
    });
    expect(lead.crmcom?.physicalGoodsSet[0]?.classification).toBe('PHYSICALGOODS');
    expect(lead.crmcom?.source?.recommendedBy?.username).toBe('mpadministrator');
    expect(lead.owner).toEqual({ id: 'DCA93D75753E5CC5AD1E69556368E616', name: 'Smanager', email: null });
    expect(lead.email).toBe('photos.panayi@crm.com');
  });

  it("normalises Valentina's phone and email the way the other vendors' are, and keeps udf_* fields", () => {
    const lead = map(seed('2041'));
    expect(lead.phone).toBe('+573136434030');
    expect(lead.email).toBe('valentina.rios@example.co');
    expect(lead.fullName).toBe('Valentina Ríos Gómez');
    expect(lead.companyName).toBe('Panadería La Espiga');
    expect(lead.score).toBe(65);
    expect(lead.customFields).toEqual([
      { name: 'udf_date_1', label: null, type: 'date', value: '2026-10-02T00:00:00', rawValue: '2026-10-02T00:00:00' },
      { name: 'udf_float_1', label: null, type: 'float', value: '712.5', rawValue: 712.5 },
      { name: 'udf_string_1', label: null, type: 'string', value: 'whatsapp', rawValue: 'whatsapp' },
      { name: 'udf_string_2', label: null, type: 'string', value: 'black-friday-2026', rawValue: 'black-friday-2026' },
    ]);
  });

  it('reads a company contact and a national phone', () => {
    const company = map(seed('2042'));
    expect(company.companyName).toBe('Café Lucía');
    expect(company.fullName).toBe('Café Lucía');
    expect(company.phone).toBe('+525512345678');
    expect(map(seed('2043')).phone).toBe('+573007654321');
  });

  it('maps a lead fetched with a fields_set: what was not asked is null or empty', () => {
    const raw = { id: 'ABC', contact_email: 'X@Y.CO' };
    const lead = map(raw);
    expect(lead).toMatchObject({ id: 'crmcom:ABC', email: 'x@y.co', firstName: null, owner: null, customFields: [] });
    expect(lead.crmcom).toMatchObject({ number: null, productsSet: [], competitors: [] });
  });

  it('accepts the plausible variants: numbers as strings, null lists, missing members, extra members', () => {
    const raw = {
      ...seed('116'),
      id: 4711,
      priority: '3',
      target_amount: '1500.50',
      probability_to_win: '75',
      products_set: null,
      services_set: null,
      competitors_set: null,
      contact_information: undefined,
      loyalty_tier: { name: 'Gold' },
    };
    const lead = map(raw);
    expect(lead).toMatchObject({ id: 'crmcom:4711', remoteId: '4711', score: 75, fullName: null, remoteData: raw });
    expect(lead.crmcom).toMatchObject({
      priority: 3,
      targetAmount: 1500.5,
      probabilityToWin: 75,
      productsSet: [],
      servicesSet: [],
      competitors: [],
      contactType: null,
    });
    expect(map({ id: 'X', priority: '', target_amount: null }).crmcom).toMatchObject({
      priority: null,
      targetAmount: null,
    });
  });

  it('refuses a number that is text rather than guess', () => {
    expect(crmComLeadSchema.safeParse({ id: 'X', probability_to_win: 'likely' }).success).toBe(false);
  });

  it.each([
    ['data null', { data: null, status: { code: 'INVALID_TOKEN', message: 'expired' } }],
    ['no data', { status: { code: 'INVALID_TOKEN', message: 'expired' } }],
    ['data {}', { data: {}, status: { code: 'INVALID_TOKEN' } }],
  ])('reads an error envelope with %s by its status', (_, body) => {
    expect(crmComEnvelopeSchema.parse(body).status.code).toBe('INVALID_TOKEN');
  });

  it('reads a list answered null or without data as empty', () => {
    expect(crmComLeadListSchema.parse(null)).toEqual([]);
    expect(crmComLeadListSchema.parse(undefined)).toEqual([]);
  });

  it('refuses a lead without an id', () => {
    expect(crmComLeadSchema.safeParse({ number: '1' }).success).toBe(false);
  });
});

describe('CRM.COM status table', () => {
  // The sequence every CRM.COM answer goes through (shared/envelope.ts), with a client whose
  // secret is SECRET; no call is made.
  const errorLog = new VendorErrorLog();
  const logger = createLogger('silent');
  const baseUrl = 'http://127.0.0.1:9';
  const http = new VendorHttpClient({
    vendor: 'CRMCOM',
    baseUrl,
    timeoutMs: 1_000,
    guard: new VendorGuard({
      vendor: 'CRMCOM',
      holdScope: baseUrl,
      maxConcurrency: 1,
      maxQueue: 1,
      circuitOpenMs: 1_000,
      store: new MemoryStore(),
      logger,
      now: Date.now,
    }),
    logger,
    secrets: () => ['SECRET'],
    errorLog,
  });
  const statusError = (status: { code: string; message?: string; description?: string | null }): UpstreamError => {
    try {
      openEnvelope(http, CRMCOM_ENVELOPE, { data: null, status }, 'an answer', undefined);
    } catch (error) {
      return error as UpstreamError;
    }
    throw new Error(`status ${status.code} was not an error`);
  };

  it.each([
    ['INVALID_TOKEN', 'UPSTREAM_UNAUTHORIZED', true],
    ['INVALID_LOGIN', 'UPSTREAM_UNAUTHORIZED', false],
    ['NOT_FOUND', 'NOT_FOUND', false],
    ['INVALID_PARAMETER', 'UPSTREAM_REJECTED', false],
    ['SOMETHING_NEW', 'UPSTREAM_ERROR', false],
  ])('%s is %s (token rejected: %s)', (vendorCode, code, rejected) => {
    const error = statusError({ code: vendorCode, message: 'it failed', description: null });
    expect(error.extensions).toMatchObject({ code, vendor: 'CRMCOM', vendorCode, vendorMessage: 'it failed' });
    expect(isCrmComTokenRejected(error)).toBe(rejected);
  });

  it.each(['constructor', 'toString'])('takes %s, a name on every object, as an unknown status', (vendorCode) => {
    const error = statusError({ code: vendorCode, message: 'it failed' });
    expect(error.message).toBe(`CRM.COM failed with status ${vendorCode}: it failed`);
    expect(error.busy).toBe(false);
  });

  it('takes GENERAL_ERROR as busy: UPSTREAM_ERROR, flagged so that it is retried and counted like a 503', () => {
    const error = statusError({ code: 'GENERAL_ERROR', message: 'try later' });
    expect(error.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      vendorCode: 'GENERAL_ERROR',
      upstreamStatus: 200,
    });
    expect(error.busy).toBe(true);
    expect(statusError({ code: 'SOMETHING_NEW' }).busy).toBe(false);
  });

  it('takes an unknown code whose message names the token as a rejected token', () => {
    const error = statusError({ code: 'SESSION_ENDED', message: 'The token is no longer valid' });
    expect(error.extensions['code']).toBe('UPSTREAM_ERROR');
    expect(isCrmComTokenRejected(error)).toBe(true);
  });

  it('scrubs secrets from the vendor message', () => {
    const error = statusError({ code: 'GENERAL_ERROR', message: 'bad token SECRET' });
    expect(JSON.stringify(error.extensions) + error.message).not.toContain('SECRET');
    // …and it is remembered, scrubbed, as CRM.COM's last error.
    expect(errorLog.lastError('CRMCOM')?.message).toBe(error.message);
  });

  it('knows every code the simulator answers with', () => {
    for (const code of ['INVALID_TOKEN', 'INVALID_LOGIN', 'NOT_FOUND', 'MISSING_PARAMETER', 'INVALID_PARAMETER']) {
      expect(CRMCOM_ERRORS[code]).toBeDefined();
    }
  });
});
