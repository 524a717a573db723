// In production a vendor's own words never reach a client: thrown errors, search outcomes and
// `Query.vendors { lastError }` carry our message with code, vendor, upstreamStatus and
// vendorCode; the vendor's text goes to the log with the request id. Development still shows it.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeDefaults, type Config } from '../../../src/config.js';
import { UpstreamError } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { serveHttp, type HttpTestServer } from '../../support/http.js';
import { leanCoreId } from '../../support/lead-ids.js';
import { CREATE_LEAD, freshPhone } from '../../support/writes.js';

const LEANCORE_VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
/** What a careless vendor says: an internal URL, a request header, a phone number. */
const VENDOR_TEXT = 'upstream http://10.1.2.3:8080/internal/lead failed; X-Internal-Route: core-7; phone +573136434030';
const LEANCORE_REJECTS = { response: { status: 400, json: { message: VENDOR_TEXT } } } as const;
const BESCHANNELS_REFUSES = { response: { status: 200, json: { code: 40010, msg: VENDOR_TEXT, data: null } } };

const LEAD = `query { lead(id: "${LEANCORE_VALENTINA}") { id } }`;
const SEARCH = `{ searchLeads(phone: "3136434030", vendors: [LEANCORE]) { outcomes { vendor code message } } }`;
const LAST_ERRORS = '{ vendors { vendor lastError { code message } } }';

interface Served {
  t: TestGraph;
  http: HttpTestServer;
  lines: string[];
}

async function serve(nodeEnv: Config['nodeEnv']): Promise<Served> {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(line) });
  const t = await startTestGraph({
    configure: (config) => ({ ...config, ...edgeDefaults(nodeEnv), nodeEnv }),
    logger,
  });
  return { t, lines, http: await serveHttp(t, { logger }) };
}

describe('in production', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve('production');
  });
  afterAll(async () => {
    await s.http.close();
    await s.t.stop();
  });

  it('replaces the vendor message of a failed call with ours, keeping code, vendor and status', async () => {
    s.t.sims.leancore.inject({ ...LEANCORE_REJECTS, times: 1 });
    const response = await s.http.post({ query: LEAD }, { 'x-request-id': 'masking-test-1' });
    expect(JSON.stringify(response.json)).not.toMatch(/10\.1\.2\.3|X-Internal-Route|573136434030/);
    expect(response.json.errors?.[0]).toMatchObject({
      message: 'LeanCore rejected the request (HTTP 400)',
      extensions: { code: 'UPSTREAM_REJECTED', vendor: 'LEANCORE', upstreamStatus: 400 },
    });
    expect(response.json.errors?.[0]?.extensions).not.toHaveProperty('vendorMessage');
  });

  it('logs the vendor text with the request id', () => {
    const logged = s.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const line = logged.find((l) => String(l['msg']).includes(VENDOR_TEXT));
    expect(line).toMatchObject({ requestId: 'masking-test-1', vendor: 'LEANCORE', code: 'UPSTREAM_REJECTED' });
  });

  it('keeps vendorCode for an error inside a vendor envelope', async () => {
    s.t.sims.beschannels.inject({ ...BESCHANNELS_REFUSES, path: '/leads-details', times: 1 });
    const response = await s.http.post({ query: '{ lead(id: "beschannels:5878") { id } }' });
    expect(JSON.stringify(response.json)).not.toContain('10.1.2.3');
    expect(response.json.errors?.[0]?.extensions).toMatchObject({
      vendor: 'BESCHANNELS',
      upstreamStatus: 200,
      vendorCode: 40010,
    });
  });

  it.each([
    ['short', VENDOR_TEXT],
    ['longer than the journal keeps', `${VENDOR_TEXT}; ${'detail '.repeat(60)}`],
  ])(
    'masks a refused keyed write the same way when the journal answers its repeat (%s vendor text)',
    async (_, text) => {
      s.t.sims.beschannels.inject({
        response: { status: 200, json: { code: 40010, msg: text, data: null } },
        path: '/create-leads',
        times: 1,
      });
      const before = s.t.sims.beschannels.requestsTo('/create-leads').length;
      const body = {
        query: CREATE_LEAD,
        variables: { input: { fullName: 'Repetida', phone: freshPhone() }, key: randomUUID() },
      };
      const first = await s.http.post(body);
      const repeat = await s.http.post(body);
      expect(s.t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(before + 1);
      expect(first.json.errors?.[0]).toMatchObject({
        extensions: { code: 'UPSTREAM_REJECTED', vendor: 'BESCHANNELS', vendorCode: 40010 },
      });
      for (const answer of [first, repeat]) {
        expect(JSON.stringify(answer.json)).not.toMatch(/10\.1\.2\.3|X-Internal-Route|573136434030/);
        expect(answer.json.errors?.[0]?.extensions).not.toHaveProperty('vendorMessage');
      }
      expect(repeat.json.errors).toEqual(first.json.errors);
    },
  );

  it('shows a vendor code only when it is a code: free text in its place is masked with the vendor’s words', async () => {
    s.t.sims.crmcom.inject({
      response: { status: 200, json: { data: null, status: { code: VENDOR_TEXT, message: '' } } },
      path: '/leads/show',
      times: 1,
    });
    const response = await s.http.post({ query: '{ lead(id: "crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162") { id } }' });
    expect(JSON.stringify(response.json)).not.toMatch(/10\.1\.2\.3|X-Internal-Route|573136434030/);
    expect(response.json.errors?.[0]).toMatchObject({
      message: 'CRM.COM failed with status UNRECOGNISED',
      extensions: { code: 'UPSTREAM_ERROR', vendor: 'CRMCOM', vendorCode: 'UNRECOGNISED' },
    });
  });

  it('masks a vendor’s error that graphql-ws wrapped (thrown by a subscription’s events, so without a path)', () => {
    const vendor = new UpstreamError('UPSTREAM_ERROR', `Zen failed: ${VENDOR_TEXT}`, {
      vendor: 'ZEN',
      vendorMessage: VENDOR_TEXT,
    });
    // What graphql-ws 6 sends to onError for an iterator that throws.
    const wrapped = new GraphQLError(vendor.message, { originalError: vendor });
    const formatted = s.t.graph.formatError(wrapped.toJSON(), wrapped);
    expect(JSON.stringify(formatted)).not.toMatch(/10\.1\.2\.3|X-Internal-Route|573136434030/);
    expect(formatted).toMatchObject({ message: 'Zen failed', extensions: { code: 'UPSTREAM_ERROR', vendor: 'ZEN' } });
  });

  it('masks search outcomes and Query.vendors lastError the same way', async () => {
    s.t.sims.leancore.inject({ ...LEANCORE_REJECTS, times: 3 });
    const search = await s.http.post({ query: SEARCH });
    expect(search.json.data).toEqual({
      searchLeads: {
        outcomes: [
          { vendor: 'LEANCORE', code: 'UPSTREAM_REJECTED', message: 'LeanCore rejected the request (HTTP 400)' },
        ],
      },
    });
    const vendors = await s.http.post({ query: LAST_ERRORS });
    expect(JSON.stringify(vendors.json)).not.toMatch(/10\.1\.2\.3|X-Internal-Route|573136434030/);
    expect(vendors.json.data?.['vendors']).toEqual(
      expect.arrayContaining([
        {
          vendor: 'LEANCORE',
          lastError: { code: 'UPSTREAM_REJECTED', message: 'LeanCore rejected the request (HTTP 400)' },
        },
      ]),
    );
  });
});

describe('in development', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve('development');
  });
  afterAll(async () => {
    await s.http.close();
    await s.t.stop();
  });

  it('shows the vendor text, to help whoever is debugging', async () => {
    s.t.sims.leancore.inject({ ...LEANCORE_REJECTS, times: 1 });
    const response = await s.http.post({ query: LEAD });
    expect(response.json.errors?.[0]?.message).toContain('10.1.2.3');
    expect(response.json.errors?.[0]?.extensions?.['vendorMessage']).toContain('X-Internal-Route');
  });
});
