// Lead writes against the BesChannels simulator: what reached it, what the client got back.
import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorCodes, useTestGraph } from '../../../support/graph.js';
import { leanCoreId } from '../../../support/lead-ids.js';

const t = useTestGraph();

const sim = () => t.sims.beschannels;
const bodiesTo = (path: string) =>
  sim()
    .requestsTo(path)
    .map((r) => r.body);
const writeCalls = () =>
  sim().requests.filter((r) => /(create|edit|del)-leads|leads-assignment|add-remarks/.test(r.path));

interface Lead {
  id: string;
  fullName: string | null;
  phone: string | null;
  email: string | null;
  companyName: string | null;
  owner: { id: string; name: string | null } | null;
  address: { formatted: string | null; street: string | null } | null;
}
const LEAD = 'id fullName phone email companyName owner { id name } address { formatted street }';

const expectBadInput = (result: { errors?: readonly GraphQLFormattedError[] }, field: string) => {
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  expect(result.errors?.[0]?.extensions?.['field']).toBe(field);
  expect(sim().requests).toEqual([]); // no token call, no write
};

describe('createLead', () => {
  const create = (input: Record<string, unknown>) =>
    t.execute<{ createLead: Lead }>(`mutation($input: CreateLeadInput!) { createLead(input: $input) { ${LEAD} } }`, {
      input,
    });

  it('creates a lead in BesChannels field names and returns it as BesChannels has it', async () => {
    const result = await create({
      firstName: 'Sofía',
      lastName: 'Castro',
      email: 'Sofia.Castro@Example.co',
      phone: '310 555 0101',
      companyName: 'Castro & Hijos',
      address: { street: 'Calle 80 # 11-42', city: 'Bogotá', country: 'Colombia' },
      ownerId: '1031',
    });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.createLead).toMatchObject({
      id: expect.stringMatching(/^beschannels:\d+$/) as unknown,
      fullName: 'Sofía Castro',
      phone: '+573105550101',
      email: 'sofia.castro@example.co',
      owner: { id: '1031', name: 'Carolina Méndez' },
      address: { formatted: 'Bogotá, Colombia, Calle 80 # 11-42', street: 'Calle 80 # 11-42' },
    });
    expect(bodiesTo('/create-leads')).toEqual([
      {
        FullName: 'Sofía Castro',
        MobilePhone: '+573105550101',
        Email: 'sofia.castro@example.co',
        Company: 'Castro & Hijos',
        Street: 'Calle 80 # 11-42',
        Address: { province: '', city: '', area: '', value: 'Bogotá, Colombia' },
        LeadOwner: '1031',
      },
    ]);
  });

  it('writes a Chinese mobile number without its country code', async () => {
    const result = await create({ vendor: 'BESCHANNELS', fullName: '周杰', phone: '+86 139 1111 2222' });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.createLead.phone).toBe('+8613911112222');
    expect(bodiesTo('/create-leads')).toEqual([{ FullName: '周杰', MobilePhone: '13911112222' }]);
  });

  it.each([
    [{ fullName: 'Sin Teléfono' }, 'input.phone'],
    [{ phone: '12' }, 'input.phone'],
    [{ phone: '3105550102', email: 'not-an-email' }, 'input.email'],
    [{ phone: '3105550103', ownerId: 'carolina' }, 'input.ownerId'],
    [{ phone: '3105550104', fullName: 'x'.repeat(201) }, 'input.fullName'],
  ])('refuses bad input %j before calling BesChannels', async (input, field) => {
    expectBadInput(await create(input), field);
  });

  it('is UNSUPPORTED for a vendor that takes no lead writes', async () => {
    const result = await create({ vendor: 'LEANCORE', phone: '3105550105' });
    expect(errorCodes(result)).toEqual(['UNSUPPORTED']);
    expect(t.sims.leancore.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('reports a duplicate phone as UPSTREAM_REJECTED, reason ALREADY_EXISTS, with BesChannels code and msg', async () => {
    const result = await create({ fullName: 'Otra Valentina', phone: '+57 313 643 4030' });
    expect(errorCodes(result)).toEqual(['UPSTREAM_REJECTED']);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      vendor: 'BESCHANNELS',
      vendorCode: 20002,
      reason: 'ALREADY_EXISTS',
    });
    expect(result.errors?.[0]?.extensions?.['vendorMessage']).toContain('线索已存在');
    expect(sim().requestsTo('/create-leads')).toHaveLength(1);
  });

  it('reports a duplicate email as UPSTREAM_REJECTED, reason ALREADY_EXISTS', async () => {
    const result = await create({ fullName: 'Otro Song', phone: '3105550177', email: 'Song22@qq.com' });
    expect(errorCodes(result)).toEqual(['UPSTREAM_REJECTED']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ vendorCode: 20002, reason: 'ALREADY_EXISTS' });
    expect(sim().leads.filter((l) => l.Email === 'song22@qq.com')).toHaveLength(1);
  });

  it('reports an unknown owner as UPSTREAM_REJECTED', async () => {
    const result = await create({ phone: '3105550106', ownerId: '9999' });
    expect(errorCodes(result)).toEqual(['UPSTREAM_REJECTED']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ vendorCode: 40030 });
  });

  it('never retries a create, even on a 503', async () => {
    await create({ phone: '3105550107' }); // token in hand
    sim().resetRequests();
    sim().inject({ response: { status: 503, json: { code: -1, msg: 'busy' } }, times: 1 });
    const result = await create({ phone: '3105550108' });
    expect(errorCodes(result)).toEqual(['UPSTREAM_ERROR']);
    expect(result.data).toBeNull();
    expect(sim().requestsTo('/create-leads')).toHaveLength(1);
  });

  it.each([
    [45009, 'RATE_LIMITED'],
    [40010, 'UPSTREAM_REJECTED'],
    [51234, 'UPSTREAM_ERROR'],
  ])('maps business code %i to %s and never reports success', async (code, expected) => {
    await create({ phone: '3105550109' }).catch(() => undefined);
    sim().resetRequests();
    sim().inject({ response: { status: 200, json: { code, msg: `失败 ${code}`, data: null } }, times: 1 });
    const result = await create({ phone: '3105550110' });
    expect(errorCodes(result)).toEqual([expected]);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ vendorCode: code, vendorMessage: `失败 ${code}` });
    expect(sim().requestsTo('/create-leads')).toHaveLength(1);
    expect(sim().requestsTo('/get-access-token')).toHaveLength(0);
  });
});

describe('updateLead', () => {
  const update = (id: string, input: Record<string, unknown>) =>
    t.execute<{ updateLead: Lead }>(
      `mutation($id: ID!, $input: UpdateLeadInput!) { updateLead(id: $id, input: $input) { ${LEAD} } }`,
      { id, input },
    );

  it('edits only, naming the lead by its current mobile phone', async () => {
    const result = await update('beschannels:5879', { companyName: '深圳前海跨境电商集团' });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.updateLead).toMatchObject({ id: 'beschannels:5879', companyName: '深圳前海跨境电商集团' });
    expect(bodiesTo('/edit-leads')).toEqual([
      { Company: '深圳前海跨境电商集团', MobilePhone: '13691011211', is_add: 1 },
    ]);
  });

  it('changes the phone by naming the lead by its email', async () => {
    const result = await update('beschannels:5882', { phone: '+52 55 1111 2222' });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.updateLead.phone).toBe('+525511112222');
    expect(bodiesTo('/edit-leads')).toEqual([
      { MobilePhone: '+525511112222', Email: 'mateo.gomez@tiendamateo.mx', is_add: 1 },
    ]);
  });

  it('refuses to change phone and email at once, before writing', async () => {
    const result = await update('beschannels:5883', { phone: '+86 139 0000 0001', email: 'new@example.cn' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['field']).toBe('input.email');
    expect(writeCalls()).toEqual([]);
  });

  it.each([
    [{}, 'input'],
    [{ email: '@@' }, 'input.email'],
    [{ phone: 'abc' }, 'input.phone'],
  ])('refuses bad input %j before calling BesChannels', async (input, field) => {
    expectBadInput(await update('beschannels:5879', input), field);
  });

  it('refuses a malformed id before calling BesChannels', async () => {
    expectBadInput(await update('beschannels:12ab', { companyName: 'x' }), 'id');
  });

  it('reports an email that belongs to another lead as UPSTREAM_REJECTED', async () => {
    const result = await update('beschannels:5879', { email: 'song22@qq.com' });
    expect(errorCodes(result)).toEqual(['UPSTREAM_REJECTED']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ vendorCode: 40020 });
    // A conflict between two leads is not a duplicate: no reason a client could act on.
    expect(result.errors?.[0]?.extensions?.['reason']).toBeUndefined();
    expect(sim().leads.find((l) => l.leads_id === 5879)?.Email).toBe('chenzq@163.com');
  });

  it('is NOT_FOUND for a lead BesChannels does not have, with no write', async () => {
    const result = await update('beschannels:424242', { companyName: 'x' });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(writeCalls()).toEqual([]);
  });
});

describe('assignLead', () => {
  const assign = (id: string, ownerId: string) =>
    t.execute<{ assignLead: Lead }>(`mutation { assignLead(id: "${id}", ownerId: "${ownerId}") { ${LEAD} } }`);

  it('assigns the lead to a CRM user and returns the new owner', async () => {
    const result = await assign('beschannels:5881', '1025');
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.assignLead.owner).toEqual({ id: '1025', name: '李娜' });
    expect(bodiesTo('/leads-assignment')).toEqual([{ leads_id: [5881], user_id: '1025' }]);
  });

  it('refuses an owner id that is not a BesChannels user id', async () => {
    expectBadInput(await assign('beschannels:5881', 'li.na'), 'ownerId');
  });

  it('reports an unknown user as UPSTREAM_REJECTED and an unknown lead as NOT_FOUND', async () => {
    expect(errorCodes(await assign('beschannels:5881', '777'))).toEqual(['UPSTREAM_REJECTED']);
    expect(errorCodes(await assign('beschannels:777', '1025'))).toEqual(['NOT_FOUND']);
    expect(sim().requestsTo('/leads-assignment')).toHaveLength(2);
  });
});

describe('remarks', () => {
  it('reads the remarks of many leads in one call', async () => {
    const result = await t.execute<{
      leads: { id: string; remarks: { content: string; createdAt: string; author: { name: string } }[] }[];
    }>(
      `{ leads(ids: ["beschannels:5878", "beschannels:5880", "beschannels:5879"]) {
          id remarks { content createdAt author { name } } } }`,
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.leads.map((l) => l.remarks.length)).toEqual([2, 1, 0]);
    const remark = result.data?.leads[1]?.remarks[0];
    expect(remark).toMatchObject({ content: 'Pidió una demo por WhatsApp', author: { name: 'Carolina Méndez' } });
    // executeOperation hands the DateTime over unserialised; over HTTP it is this ISO string.
    expect(new Date(remark!.createdAt).toISOString()).toBe('2026-11-10T13:05:00.000Z');
    expect(bodiesTo('/get-remarks-list')).toEqual([{ leads_id: [5878, 5880, 5879] }]);
  });

  it('asks per lead when a batch fails because one lead is gone', async () => {
    await t.execute(`{ lead(id: "beschannels:5878") { id } }`); // a token in hand
    sim().resetRequests();
    sim().inject({ times: 1 }); // the list call goes through
    sim().inject({ response: { status: 200, json: { code: 40004, msg: '线索不存在', data: null } }, times: 1 });
    const result = await t.execute<{ leadsConnection: { edges: { node: { remarks: unknown[] } }[] } }>(
      `{ leadsConnection(vendor: BESCHANNELS, first: 2) { edges { node { remarks { id } } } } }`,
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.leadsConnection.edges.map((e) => e.node.remarks.length)).toEqual([2, 0]);
    expect(bodiesTo('/get-remarks-list')).toEqual([
      { leads_id: [5878, 5879] },
      { leads_id: [5878] },
      { leads_id: [5879] },
    ]);
  });

  it('adds a remark with a GET that is never retried', async () => {
    const add = (content: string) =>
      t.execute<{ addLeadRemark: { id: string; content: string; author: { id: string } } }>(
        `mutation($content: String!) { addLeadRemark(leadId: "beschannels:5883", content: $content) { id content author { id } } }`,
        { content },
      );
    const added = await add('  Llamar el lunes  ');
    expect(errorCodes(added)).toEqual([]);
    expect(added.data?.addLeadRemark).toMatchObject({ content: 'Llamar el lunes', author: { id: '1025' } });
    const [call] = sim().requestsTo('/add-remarks');
    expect(call?.method).toBe('GET');
    expect(call?.query).toMatchObject({ leads_id: '5883', content: 'Llamar el lunes' });

    sim().resetRequests();
    sim().inject({ response: { status: 502, json: { code: -1, msg: 'bad gateway' } }, times: 1 });
    expect(errorCodes(await add('otra nota'))).toEqual(['UPSTREAM_ERROR']);
    expect(sim().requestsTo('/add-remarks')).toHaveLength(1);

    const read = await t.execute<{ lead: { remarks: { content: string }[] } }>(
      `{ lead(id: "beschannels:5883") { remarks { content } } }`,
    );
    expect(read.data?.lead.remarks).toEqual([{ content: 'Llamar el lunes' }]);
  });

  it('refuses an empty remark and a bad lead id before calling BesChannels', async () => {
    expectBadInput(
      await t.execute(`mutation { addLeadRemark(leadId: "beschannels:5883", content: "   ") { id } }`),
      'content',
    );
    expectBadInput(
      await t.execute(`mutation($c: String!) { addLeadRemark(leadId: "beschannels:5883", content: $c) { id } }`, {
        c: '备'.repeat(501),
      }),
      'content',
    );
    expectBadInput(
      await t.execute(`mutation { addLeadRemark(leadId: "beschannels:x", content: "hola") { id } }`),
      'leadId',
    );
  });

  it('is null with UNSUPPORTED for a LeanCore lead', async () => {
    const result = await t.execute<{ lead: { id: string; remarks: null } }>(
      `{ lead(id: "${leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030')}") { id remarks { id } } }`,
    );
    expect(errorCodes(result)).toEqual(['UNSUPPORTED']);
    expect(result.data?.lead).toEqual({
      id: leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030'),
      remarks: null,
    });
  });
});

describe('deleteLead', () => {
  it('deletes the lead; it is NOT_FOUND afterwards and on a second delete', async () => {
    const deleted = await t.execute<{ deleteLead: string }>(`mutation { deleteLead(id: "beschannels:5881") }`);
    expect(errorCodes(deleted)).toEqual([]);
    expect(deleted.data?.deleteLead).toBe('beschannels:5881');
    expect(bodiesTo('/del-leads')).toEqual([{ leads_id: [5881] }]);

    expect(errorCodes(await t.execute(`{ lead(id: "beschannels:5881") { id } }`))).toEqual(['NOT_FOUND']);
    const again = await t.execute(`mutation { deleteLead(id: "beschannels:5881") }`);
    expect(errorCodes(again)).toEqual(['NOT_FOUND']);
    expect(again.data).toBeNull();
  });

  it('refuses a malformed id before calling BesChannels', async () => {
    expectBadInput(await t.execute(`mutation { deleteLead(id: "beschannels:-1") }`), 'id');
  });
});
