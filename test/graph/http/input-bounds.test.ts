// Input bounds through real HTTP: an over-long field is BAD_USER_INPUT naming it, and no
// vendor hears of it.
import { describe, expect, it } from 'vitest';
import { useHttpTestGraph } from '../../support/http.js';

const { t, http } = useHttpTestGraph();

const vendorCalls = () =>
  t.sims.leancore.requests.length +
  t.sims.beschannels.requests.length +
  t.sims.crmcom.requests.length +
  t.sims.zen.requests.length;

function resetCalls() {
  for (const sim of [t.sims.leancore, t.sims.beschannels, t.sims.crmcom, t.sims.zen]) sim.resetRequests();
}

/** An address of exactly `length` characters. */
const emailOf = (length: number) => `${'a'.repeat(64)}@${'b'.repeat(length - 64 - 1 - 4)}.com`;

const CREATE = 'mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }';

async function expectRefused(query: string, variables: Record<string, unknown>, field: string) {
  resetCalls();
  const response = await http.post({ query, variables });
  expect(response.status).toBe(200);
  expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(JSON.stringify(response.json)).not.toContain('x'.repeat(300));
  expect(vendorCalls()).toBe(0);
}

describe('input bounds', () => {
  it('refuses a 5,000-character email in a search and in a write', async () => {
    const email = `${'x'.repeat(4_990)}@example.com`;
    await expectRefused('query($e: String) { searchLeads(email: $e) { leads { id } } }', { e: email }, 'email');
    await expectRefused('query($e: String) { people(email: $e) { emails } }', { e: email }, 'email');
    await expectRefused(CREATE, { input: { phone: '3105550199', email } }, 'input.email');
  });

  it('takes an email of 254 characters, refuses 255', async () => {
    resetCalls();
    const fits = await http.post({
      query: 'query($e: String) { searchLeads(email: $e) { leads { id } } }',
      variables: { e: emailOf(254) },
    });
    expect(fits.json.errors).toBeUndefined();
    expect(vendorCalls()).toBeGreaterThan(0);
    await expectRefused(CREATE, { input: { phone: '3105550199', email: emailOf(255) } }, 'input.email');
  });

  it('refuses a phone over 32 characters', async () => {
    const phone = `+57 313 643 4030${' '.repeat(17)}`;
    expect(phone).toHaveLength(33);
    await expectRefused('query($p: String) { searchLeads(phone: $p) { leads { id } } }', { p: phone }, 'phone');
    await expectRefused(CREATE, { input: { phone } }, 'input.phone');
  });

  it('refuses names and company over 200 characters', async () => {
    const long = 'x'.repeat(201);
    await expectRefused(CREATE, { input: { phone: '3105550199', fullName: long } }, 'input.fullName');
    await expectRefused(CREATE, { input: { phone: '3105550199', firstName: long } }, 'input.firstName');
    await expectRefused(CREATE, { input: { phone: '3105550199', lastName: long } }, 'input.lastName');
    await expectRefused(CREATE, { input: { phone: '3105550199', companyName: long } }, 'input.companyName');
    await expectRefused(
      'mutation($input: UpdateLeadInput!) { updateLead(id: "beschannels:5878", input: $input) { id } }',
      { input: { companyName: long } },
      'input.companyName',
    );
  });

  it('refuses a remark longer than BesChannels takes (500), and stores one of 500', async () => {
    const add = 'mutation($c: String!) { addLeadRemark(leadId: "beschannels:5878", content: $c) { content } }';
    await expectRefused(add, { c: '备'.repeat(501) }, 'content');
    const fits = await http.post({ query: add, variables: { c: '备'.repeat(500) } });
    expect(fits.json).toEqual({ data: { addLeadRemark: { content: '备'.repeat(500) } } });
  });
});
