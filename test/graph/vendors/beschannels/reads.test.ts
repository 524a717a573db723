import { describe, expect, it } from 'vitest';
import { errorCodes, useTestGraph } from '../../../support/graph.js';

const t = useTestGraph({ crmcomContactSearch: true });

const LEAD_FIELDS = `id vendor remoteId fullName companyName email phone status
  address { formatted street city region country } owner { id name }
  customFields { name label type value rawValue }`;

interface LeadShape {
  id: string;
  phone: string | null;
  email: string | null;
  fullName: string | null;
  owner: { id: string; name: string } | null;
  address: { formatted: string; city: string | null; region: string | null } | null;
  customFields: { name: string; label: string; type: string; value: string | null }[];
}

describe('BesChannels lead by id', () => {
  it('reads leads-details by leads_id and maps the field list', async () => {
    const result = await t.execute<{ lead: LeadShape }>(`query($id: ID!) { lead(id: $id) { ${LEAD_FIELDS} } }`, {
      id: 'beschannels:5878',
    });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.lead).toMatchObject({
      id: 'beschannels:5878',
      vendor: 'BESCHANNELS',
      remoteId: '5878',
      fullName: '宋佳',
      phone: '+8618610813532',
      email: 'song22@qq.com',
      status: '跟进中',
      owner: { id: '1024', name: '王明' },
      address: { region: '北京', city: '房山', street: '长阳镇篱笆房路 12 号' },
    });
    expect(result.data?.lead.customFields).toContainEqual({
      name: 'LeadSource',
      label: '线索来源',
      type: 'Select',
      value: '展会',
      rawValue: '2',
    });
    const calls = t.sims.beschannels.requestsTo('/leads/open-api/leads-details');
    expect(calls.map((c) => c.body)).toEqual([{ leads_id: 5878 }]);
  });

  it('is NOT_FOUND with the vendor code when BesChannels has no such lead', async () => {
    const result = await t.execute(`{ lead(id: "beschannels:999") { id } }`);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ vendor: 'BESCHANNELS', vendorCode: 40004 });
  });

  it('refuses a malformed id before calling BesChannels', async () => {
    const result = await t.execute(`{ lead(id: "beschannels:abc") { id } }`);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['field']).toBe('id');
    expect(t.sims.beschannels.requests).toEqual([]);
  });
});

describe('BesChannels in searchLeads', () => {
  it('finds Valentina by phone with E.164 and by email, beside her leads in the other CRMs', async () => {
    const result = await t.execute<{
      searchLeads: { leads: LeadShape[]; outcomes: { vendor: string; status: string }[] };
    }>(
      `{ searchLeads(phone: "313 643 4030", email: "Valentina.Rios@Example.co") {
          leads { id phone email } outcomes { vendor status } } }`,
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^leancore:/) as unknown }),
      { id: 'beschannels:5880', phone: '+573136434030', email: 'valentina.rios@example.co' },
      { id: expect.stringMatching(/^crmcom:/) as unknown, phone: '+573136434030', email: 'valentina.rios@example.co' },
    ]);
    expect(result.data?.searchLeads.outcomes).toEqual([
      { vendor: 'LEANCORE', status: 'OK' },
      { vendor: 'BESCHANNELS', status: 'OK' },
      { vendor: 'CRMCOM', status: 'OK' },
    ]);
    const rules = t.sims.beschannels.requestsTo('/leads-details').map((r) => (r.body as { rule: unknown }).rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        { MobilePhone: '+573136434030', Email: '' },
        { MobilePhone: '', Email: 'valentina.rios@example.co' },
      ]),
    );
  });

  it('asks BesChannels for a Chinese number without its country code', async () => {
    const result = await t.execute<{ searchLeads: { leads: LeadShape[] } }>(
      `{ searchLeads(phone: "+86 186 1081 3532", vendors: [BESCHANNELS]) { leads { id phone } } }`,
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([{ id: 'beschannels:5878', phone: '+8618610813532' }]);
    const rules = t.sims.beschannels.requestsTo('/leads-details').map((r) => (r.body as { rule: unknown }).rule);
    expect(rules).toEqual([{ MobilePhone: '18610813532', Email: '' }]);
  });

  it('reports NOT_FOUND for a phone BesChannels does not have', async () => {
    const result = await t.execute<{
      searchLeads: { leads: unknown[]; outcomes: { vendor: string; status: string }[] };
    }>(`{ searchLeads(phone: "+8613000000000", vendors: [BESCHANNELS]) { leads { id } outcomes { vendor status } } }`);
    expect(result.data?.searchLeads).toEqual({ leads: [], outcomes: [{ vendor: 'BESCHANNELS', status: 'NOT_FOUND' }] });
  });
});
