import { describe, expect, it } from 'vitest';
import { leanCoreLeadSchema, mapLeanCoreLead } from '../../../../src/datasources/leancore/mapping.js';

const documented = {
  id: 'fd3705e1-3149-4c41-bfe7-cf0bee79cfad',
  image: 'https://img.example/1.png',
  name: 'Valentina',
  lastname: 'Ríos',
  business_name: '',
  quota: 0,
  status: 'prospect',
  phone: '573136434030',
  email: 'Valentina.Rios@Example.co',
  nit: '900123456-7',
  address: 'Cra 7 # 45-10',
  history: [],
  score: 0.0,
  payment_data: {},
  apn_token: 'device-token',
  ecosystem: 'andino',
  business_entity: 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918',
  additional_data: { channel: 'whatsapp', tags: ['vip'] },
};

describe('mapLeanCoreLead', () => {
  it('maps the documented Lead JSON to the unified model', () => {
    const lead = mapLeanCoreLead(leanCoreLeadSchema.parse(documented), documented, '573136434030', 'CO');
    expect(lead).toMatchObject({
      id: 'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030',
      vendor: 'LEANCORE',
      remoteId: documented.id,
      fullName: 'Valentina Ríos',
      companyName: null, // LeanCore sends "" for "none"
      email: 'valentina.rios@example.co',
      phone: '+573136434030',
      score: 0,
      address: { formatted: 'Cra 7 # 45-10' },
      financialEntity: { id: 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918', ecosystem: 'andino' },
      remoteData: documented,
    });
    expect(lead.customFields).toEqual([
      { name: 'nit', label: 'NIT', type: null, value: '900123456-7', rawValue: '900123456-7' },
      { name: 'quota', label: 'Cuota', type: null, value: '0', rawValue: 0 },
      { name: 'ecosystem', label: 'Ecosistema', type: null, value: 'andino', rawValue: 'andino' },
      { name: 'image', label: 'Imagen', type: null, value: 'https://img.example/1.png', rawValue: documented.image },
      { name: 'channel', label: null, type: null, value: 'whatsapp', rawValue: 'whatsapp' },
      { name: 'tags', label: null, type: null, value: '["vip"]', rawValue: ['vip'] },
    ]);
  });

  it('accepts a sparse payload: only the id is required', () => {
    const sparse = { id: 42, phone: 'not a phone' };
    const lead = mapLeanCoreLead(leanCoreLeadSchema.parse(sparse), sparse, '573001234567', 'CO');
    expect(lead).toMatchObject({ id: 'leancore:42:573001234567', remoteId: '42', phone: null, fullName: null });
    expect(lead.customFields).toEqual([]);
  });

  it('accepts the plausible variants: numbers as strings, [] for empty objects, null lists, extra members', () => {
    const variant = {
      ...documented,
      quota: '5000000',
      score: ' 712.5 ',
      history: null,
      payment_data: [],
      additional_data: [],
      referral_code: 'BF-2026',
    };
    const lead = mapLeanCoreLead(leanCoreLeadSchema.parse(variant), variant, '573136434030', 'CO');
    expect(lead).toMatchObject({ score: 712.5, remoteData: variant });
    expect(lead.customFields.find((f) => f.name === 'quota')).toMatchObject({ value: '5000000', rawValue: 5_000_000 });
    expect(lead.customFields.map((f) => f.name)).toEqual(['nit', 'quota', 'ecosystem', 'image']);
    expect((lead.remoteData as Record<string, unknown>)['referral_code']).toBe('BF-2026');
    expect(
      mapLeanCoreLead(leanCoreLeadSchema.parse({ id: 'x', score: '' }), {}, '573136434030', 'CO').score,
    ).toBeNull();
  });

  it.each([
    ['a score that is text', { id: 'x', score: 'high' }],
    ['additional data that is a non-empty list', { id: 'x', additional_data: ['a'] }],
  ])('refuses %s rather than guess', (_, payload) => {
    expect(leanCoreLeadSchema.safeParse(payload).success).toBe(false);
  });

  it('refuses a payload without an id', () => {
    expect(leanCoreLeadSchema.safeParse({ name: 'x' }).success).toBe(false);
  });
});
