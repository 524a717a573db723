// LeanCore sample data in LeanCore's own Lead JSON. Valentina Ríos is a lead in several CRMs, her
// phone and email written differently in each (see the other vendors' seed files).

/** LeanCore's Lead JSON (see the LeanCore API page). */
export interface LeanCoreSeedLead {
  id: string;
  image: string | null;
  name: string;
  lastname: string;
  business_name: string;
  quota: number;
  status: string;
  phone: string;
  email: string;
  nit: string;
  address: string;
  history: unknown[];
  score: number | null;
  payment_data: Record<string, unknown>;
  apn_token: string | null;
  ecosystem: string;
  business_entity: string | null;
  additional_data: Record<string, unknown>;
}

export interface LeanCoreSeedFinancialEntity {
  id: string;
  name: string;
  ecosystem: string;
}

export const LEANCORE_FINANCIAL_ENTITIES: LeanCoreSeedFinancialEntity[] = [
  { id: '8d0f1c52-7a4e-4f7e-9a51-2f4a3c9b1e10', name: 'Crédito Ágil', ecosystem: 'andino' },
  { id: 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918', name: 'Finanzas Rápidas', ecosystem: 'andino' },
  { id: '1c9e8d7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f', name: 'Caribe Pagos', ecosystem: 'caribe' },
];

export const LEANCORE_LEADS: LeanCoreSeedLead[] = [
  {
    id: 'fd3705e1-3149-4c41-bfe7-cf0bee79cfad',
    image: 'https://cdn.leancore.example/leads/fd3705e1.png',
    name: 'Valentina',
    lastname: 'Ríos Gómez',
    business_name: 'Panadería La Espiga',
    quota: 5_000_000,
    status: 'prospect',
    phone: '573136434030',
    email: 'Valentina.Rios@Example.co',
    nit: '900123456-7',
    address: 'Cra 7 # 45-10, Bogotá',
    history: [{ date: '2026-10-02', event: 'created' }],
    score: 712.5,
    payment_data: { bank: 'Banco Andino', account_type: 'savings' },
    apn_token: null,
    ecosystem: 'andino',
    business_entity: null,
    additional_data: { channel: 'whatsapp', campaign: 'black-friday-2026' },
  },
  {
    id: '2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40',
    image: null,
    name: 'Andrés Felipe',
    lastname: 'Torres',
    business_name: 'Torres Logística SAS',
    quota: 12_000_000,
    status: 'approved',
    phone: '573001234567',
    email: 'aftorres@torreslogistica.co',
    nit: '901987654-3',
    address: 'Calle 10 # 5-20, Medellín',
    history: [],
    score: 801,
    payment_data: {},
    apn_token: null,
    ecosystem: 'andino',
    business_entity: 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918',
    additional_data: {},
  },
  {
    id: '7f3d2a10-5b6c-4d8e-9f01-a2b3c4d5e6f7',
    image: null,
    name: 'Lucía',
    lastname: 'Hernández',
    business_name: 'Café Lucía',
    quota: 0,
    status: 'new',
    phone: '525512345678',
    email: 'lucia@cafelucia.mx',
    nit: 'HELU850101AB1',
    address: 'Av. Reforma 222, CDMX',
    history: [],
    score: null,
    payment_data: {},
    apn_token: null,
    ecosystem: 'caribe',
    business_entity: null,
    additional_data: {},
  },
];
