// CRM.COM search by phone or email is off by default (issue 20): its public documents name no
// phone or email filter for `leads/list`, so until an operator confirms one
// (CRMCOM_CONTACT_SEARCH=true) a search is UNSUPPORTED for CRM.COM, without a call and without
// a warning, and `people` answers from the other vendors. Through the server, against the
// simulators over HTTP.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';
import { ConfigError } from '../../../../src/errors.js';
import { createLogger } from '../../../../src/logger.js';
import { errorCodes, useTestGraph } from '../../../support/graph.js';
import { SEARCH, type SearchData } from '../../../support/search.js';

const VALENTINA_PHONE = '313 643 4030';
const VALENTINA_EMAIL = 'Valentina.Rios@Example.co';
const PEOPLE = `query ($phone: String, $email: String) {
  people(phone: $phone, email: $email) { leads { id } vendors missingVendors { vendor status } }
}`;
const CAPABILITIES = `{ vendors { vendor capabilities { lookupById lookupByPhone lookupByEmail list } } }`;
const CRMCOM_ENV = {
  CRMCOM_BASE_URL: 'https://crm.example.com/crmapi/rest/v2',
  CRMCOM_USERNAME: 'ops',
  CRMCOM_PASSWORD: 'hunter2-very-secret',
  CRMCOM_ORGANISATION: 'Org',
};

interface PeopleData {
  people: { leads: { id: string }[]; vendors: string[]; missingVendors: { vendor: string }[] }[];
}
interface CapabilitiesData {
  vendors: { vendor: string; capabilities: Record<string, boolean> }[];
}

/** Every log line of the default graph, parsed. */
const lines: { level: number; vendor?: string; msg: string }[] = [];

describe('by default', () => {
  const t = useTestGraph({
    logger: createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]) }),
  });

  it('a phone or email search is UNSUPPORTED for CRM.COM, without a call and without a warning', async () => {
    lines.length = 0;
    for (const keys of [{ phone: VALENTINA_PHONE }, { email: VALENTINA_EMAIL }, { phone: '3009998877' }]) {
      const result = await t.execute<SearchData>(SEARCH, { ...keys, vendors: ['CRMCOM'] });
      expect(errorCodes(result)).toEqual([]);
      expect(result.data?.searchLeads.outcomes).toEqual([
        {
          vendor: 'CRMCOM',
          status: 'UNSUPPORTED',
          leadCount: 0,
          code: 'UNSUPPORTED',
          message: expect.stringMatching(/^CRM\.COM cannot look leads up by (phone|email)$/) as unknown,
        },
      ]);
    }
    expect(t.sims.crmcom.requests).toEqual([]);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('searching every vendor still finds the others’ leads; CRM.COM is skipped', async () => {
    const result = await t.execute<SearchData>(SEARCH, { phone: VALENTINA_PHONE });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.outcomes.map((o) => [o.vendor, o.status])).toEqual([
      ['LEANCORE', 'OK'],
      ['BESCHANNELS', 'OK'],
      ['CRMCOM', 'UNSUPPORTED'],
    ]);
    expect(t.sims.crmcom.requests).toEqual([]);
  });

  it('people() succeeds without CRM.COM: nobody is an answer, and a person is found through the others', async () => {
    const nobody = await t.execute<PeopleData>(PEOPLE, { phone: '3009998877' });
    expect(errorCodes(nobody)).toEqual([]);
    expect(nobody.data?.people).toEqual([]);

    const found = await t.execute<PeopleData>(PEOPLE, { email: VALENTINA_EMAIL });
    expect(errorCodes(found)).toEqual([]);
    expect(found.data?.people.map((p) => [p.vendors, p.missingVendors])).toEqual([[['LEANCORE', 'BESCHANNELS'], []]]);
    expect(t.sims.crmcom.requests).toEqual([]);
  });

  it('Query.vendors says CRM.COM cannot be searched by phone or email', async () => {
    const result = await t.execute<CapabilitiesData>(CAPABILITIES);
    expect(result.data?.vendors.find((v) => v.vendor === 'CRMCOM')?.capabilities).toEqual({
      lookupById: true,
      lookupByPhone: false,
      lookupByEmail: false,
      list: true,
    });
  });
});

describe('with CRMCOM_CONTACT_SEARCH=true', () => {
  const t = useTestGraph({ crmcomContactSearch: true });

  it('CRM.COM is searched by phone and email, and Query.vendors says so', async () => {
    const byPhone = await t.execute<SearchData>(SEARCH, { phone: VALENTINA_PHONE, vendors: ['CRMCOM'] });
    const byEmail = await t.execute<SearchData>(SEARCH, { email: VALENTINA_EMAIL, vendors: ['CRMCOM'] });
    for (const result of [byPhone, byEmail]) {
      expect(result.data?.searchLeads.outcomes.map((o) => [o.vendor, o.status, o.leadCount])).toEqual([
        ['CRMCOM', 'OK', 1],
      ]);
    }
    expect(t.sims.crmcom.requestsTo('/leads/list')).toHaveLength(2);
    const capabilities = await t.execute<CapabilitiesData>(CAPABILITIES);
    expect(capabilities.data?.vendors.find((v) => v.vendor === 'CRMCOM')?.capabilities).toMatchObject({
      lookupByPhone: true,
      lookupByEmail: true,
    });
  });
});

describe('CRMCOM_CONTACT_SEARCH', () => {
  it('is off unless set to true', () => {
    expect(loadConfig(CRMCOM_ENV).vendors.crmcom?.contactSearch).toBeUndefined();
    expect(loadConfig({ ...CRMCOM_ENV, CRMCOM_CONTACT_SEARCH: 'false' }).vendors.crmcom?.contactSearch).toBeUndefined();
    expect(loadConfig({ ...CRMCOM_ENV, CRMCOM_CONTACT_SEARCH: 'true' }).vendors.crmcom?.contactSearch).toBe(true);
  });

  it('refuses anything but true or false', () => {
    expect(() => loadConfig({ ...CRMCOM_ENV, CRMCOM_CONTACT_SEARCH: 'yes' })).toThrow(ConfigError);
  });
});
