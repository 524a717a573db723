// Sample distribution totals the Zen simulator answers for any day (Portuguese, counts as strings,
// as the document shows them). Tests may set other payloads per date on the simulator.

export interface ZenSeedCount {
  codigo: string;
  nome: string;
  quantidade: string;
}

export interface ZenSeedUser {
  nome: string;
  total_lead: string;
  origem?: ZenSeedCount[];
  segmento?: ZenSeedCount[];
  automacao?: ZenSeedCount[];
  produtos_e_servicos?: ZenSeedCount[];
}

export interface ZenSeedTotals {
  data: string;
  usuarios?: ZenSeedUser[];
  erros?: Record<string, string> | [];
}

export const ZEN_SEED_USERS: ZenSeedUser[] = [
  {
    nome: 'Mariana Souza',
    total_lead: '12',
    origem: [
      { codigo: '3', nome: 'Site', quantidade: '8' },
      { codigo: '7', nome: 'Facebook Ads', quantidade: '4' },
    ],
    segmento: [{ codigo: '1', nome: 'Imóveis residenciais', quantidade: '12' }],
    automacao: [{ codigo: '21', nome: 'Boas-vindas', quantidade: '10' }],
    produtos_e_servicos: [
      { codigo: '105', nome: 'Apartamento 2 quartos', quantidade: '9' },
      { codigo: '106', nome: 'Cobertura', quantidade: '3' },
    ],
  },
  {
    nome: 'Rafael Lima',
    total_lead: '5',
    origem: [{ codigo: '3', nome: 'Site', quantidade: '5' }],
    segmento: [],
    automacao: [],
    produtos_e_servicos: [{ codigo: '105', nome: 'Apartamento 2 quartos', quantidade: '5' }],
  },
  {
    nome: 'Beatriz Carvalho',
    total_lead: '0',
  },
];

export const ZEN_SEED_ERRORS = {
  com_erro: '2',
  sem_agrupamento: '1',
  limite_de_contatos: '0',
  duplicados: '3',
};

export function zenSeedTotals(date: string): ZenSeedTotals {
  return { data: date, usuarios: structuredClone(ZEN_SEED_USERS), erros: { ...ZEN_SEED_ERRORS } };
}
