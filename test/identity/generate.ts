// The labelled evaluation set of the same-person rule (test/identity/pairs.json): pairs of
// leads as CRMs write them, each labelled same or different person, with its case kind.
// Deterministic (a seeded PRNG); `npm run identity:generate` rewrites the JSON, and
// test/unit/leads/identity/identity-eval.test.ts checks the committed JSON is what this file generates.
//
// Written from how CRMs in Latin America hold people, before the rule was tuned (docs/identity.md):
// names typed by hand (case, accents lost, word order, one or two surnames, middle names as
// initials, nicknames, one-letter slips), phones in every national and international format,
// Gmail dots and plus tags, missing names and emails; and the people a rule must keep apart:
// staff on one role mailbox or switchboard, households on one address or line, namesakes,
// relatives. The name lists are this file's own (not the rule's lexicon) and include surnames
// and nicknames the rule does not know.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizePhone } from '../../src/model/normalize.js';
import type { Vendor } from '../../src/model/models.js';

export const SEED = 22;

export type Label = 'same' | 'different';
export type Region = 'CO' | 'MX' | 'PE' | 'CL';

/** One lead as a CRM holds it (raw: the mapper normalises phone and email). */
export interface EvalLead {
  vendor: Vendor;
  name?: string;
  first?: string;
  last?: string;
  phone?: string;
  email?: string;
  company?: string;
}

export interface EvalPair {
  id: string;
  kind: string;
  label: Label;
  /** The deployment's DEFAULT_PHONE_REGION: national numbers are read in it. */
  region: Region;
  a: EvalLead;
  b: EvalLead;
}

/** The kinds that must never be merged (the issue's hard negatives). */
export const HARD_NEGATIVE_KINDS = [
  'role-mailbox',
  'household-mailbox',
  'switchboard',
  'family-line',
  'namesake',
  'relatives-surname',
] as const;

// mulberry32: a 32-bit seeded PRNG in five lines; a dependency for this would be heavier than it.
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gender = 'm' | 'f';
const GIVEN: Record<Gender, string[]> = {
  m: [
    'Alejandro',
    'José',
    'Francisco',
    'Guillermo',
    'Juan',
    'Carlos',
    'Luis',
    'Andrés',
    'Felipe',
    'Jorge',
    'Santiago',
    'Sebastián',
    'Mateo',
    'Diego',
    'Jonathan',
    'Ricardo',
    'Fernando',
    'Eduardo',
    'Ignacio',
    'Manuel',
    'Antonio',
    'Rafael',
    'Gabriel',
    'Daniel',
    'Javier',
    'Hernán',
    'Óscar',
    'Mauricio',
    'Julián',
    'Esteban',
    'Camilo',
    'Rodrigo',
    'Enrique',
    'Alberto',
    'Mario',
    'Marco',
    'Raúl',
    'Wilson',
    'Héctor',
  ],
  f: [
    'María',
    'Ana',
    'Valentina',
    'Lucía',
    'Camila',
    'Daniela',
    'Gabriela',
    'Paola',
    'Paula',
    'Carolina',
    'Andrea',
    'Natalia',
    'Catalina',
    'Juliana',
    'Isabel',
    'Patricia',
    'Guadalupe',
    'Dolores',
    'Mercedes',
    'Rosario',
    'Teresa',
    'Sofía',
    'Mariana',
    'Ximena',
    'Adriana',
    'Claudia',
    'Mónica',
    'Liliana',
    'Yolanda',
    'Francisca',
    'Juana',
    'Luisa',
    'Pilar',
    'Consuelo',
    'Beatriz',
    'Gloria',
    'Marcela',
    'Verónica',
  ],
};
/** Second given names: what a middle name or an initial stands for. */
const MIDDLE: Record<Gender, string[]> = {
  m: ['José', 'Luis', 'Carlos', 'Felipe', 'Andrés', 'David', 'Antonio', 'Manuel', 'Alberto', 'Eduardo'],
  f: ['José', 'Fernanda', 'Alejandra', 'Isabel', 'Lucía', 'Elena', 'Victoria', 'Andrea', 'Paula', 'Cristina'],
};
const SURNAMES = [
  'Pérez',
  'Gómez',
  'Rodríguez',
  'González',
  'Hernández',
  'López',
  'Martínez',
  'García',
  'Sánchez',
  'Ramírez',
  'Torres',
  'Flores',
  'Rivera',
  'Morales',
  'Jiménez',
  'Díaz',
  'Vargas',
  'Castro',
  'Ríos',
  'Mendoza',
  'Rojas',
  'Ortiz',
  'Gutiérrez',
  'Muñoz',
  'Restrepo',
  'Zapata',
  'Quispe',
  'Mamani',
  'Herrera',
  'Salazar',
  // Less frequent ones, outside any short list of common surnames.
  'Quiñónez',
  'Arboleda',
  'Echeverry',
  'Betancourt',
  'Urrutia',
  'Goicoechea',
  'Caicedo',
  'Bermúdez',
  'Villegas',
  'Peñaloza',
  'Ibarra',
  'Olmedo',
  'Cisneros',
  'Santamaría',
  'Valderrama',
  'Ocampo',
];
const CHINESE_SURNAMES = [
  'Wang',
  'Li',
  'Zhang',
  'Chen',
  'Liu',
  'Huang',
  'Lin',
  'Zhou',
  'Wu',
  'Xu',
  'Guo',
  'Wong',
  'Chan',
];
const CHINESE_GIVEN = [
  'Wei',
  'Fang',
  'Min',
  'Jing',
  'Lei',
  'Jun',
  'Yan',
  'Ling',
  'Xiaoming',
  'Lihua',
  'Jianguo',
  'Meiling',
  'Haoran',
  'Yuting',
  'Zihan',
  'Xinyi',
  'Zhiwei',
  'Qiang',
];
/** Two-syllable given names, as some CRMs split them. */
const SYLLABLES: Record<string, string> = {
  Xiaoming: 'Xiao Ming',
  Lihua: 'Li Hua',
  Jianguo: 'Jian Guo',
  Meiling: 'Mei Ling',
  Haoran: 'Hao Ran',
  Yuting: 'Yu Ting',
  Zihan: 'Zi Han',
  Xinyi: 'Xin Yi',
  Zhiwei: 'Zhi Wei',
};
const ENGLISH_GIVEN = ['Kevin', 'Jenny', 'Michael', 'Lily', 'Tony', 'Amy', 'David', 'Grace', 'Vicky', 'Eric'];
/** Short forms people give a CRM (some common, some that no table would list). */
const SHORT_FORMS: Record<string, string[]> = {
  Alejandro: ['Alejo', 'Jandro'],
  José: ['Pepe', 'Chepe'],
  Francisco: ['Pancho', 'Paco', 'Kiko'],
  Guillermo: ['Memo', 'Guille'],
  Ignacio: ['Nacho'],
  Enrique: ['Quique'],
  Alberto: ['Beto'],
  Eduardo: ['Lalo'],
  Manuel: ['Manolo'],
  Antonio: ['Toño'],
  Rafael: ['Rafa'],
  Fernando: ['Nando', 'Fer'],
  Santiago: ['Santi'],
  Sebastián: ['Sebas'],
  Daniel: ['Dani'],
  Gabriela: ['Gaby'],
  Guadalupe: ['Lupe', 'Lupita'],
  Dolores: ['Lola'],
  Mercedes: ['Meche'],
  Rosario: ['Charo', 'Chayo'],
  Teresa: ['Tere'],
  Patricia: ['Paty'],
  Valentina: ['Vale'],
  Catalina: ['Cata'],
  Camila: ['Cami'],
  Pilar: ['Pili'],
  Consuelo: ['Chelo'],
  Rodrigo: ['Rodri'],
  Julián: ['Juli'],
};
const COMPANIES = [
  ['Constructora Andina S.A.S.', 'constructoraandina.co'],
  ['Distribuidora del Pacífico', 'dipacifico.com'],
  ['Textiles Monterrey S.A. de C.V.', 'textilesmty.mx'],
  ['Agroexportadora Los Andes S.A.C.', 'agroandes.pe'],
  ['Panadería La Espiga', 'laespiga.co'],
  ['Importadora Dragón Dorado', 'dragondorado.com.pe'],
  ['Ferretería El Tornillo Ltda.', 'eltornillo.cl'],
  ['Clínica San Rafael', 'clinicasanrafael.co'],
  ['Transportes Rápidos del Sur', 'trsur.cl'],
  ['Café Lucía', 'cafelucia.mx'],
  ['Logística Torres', 'torreslogistica.co'],
  ['Grupo Comercial Hua Xia', 'huaxia.com.pa'],
] as const;
const PERSONAL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com'];
const ROLE_MAILBOXES = ['info', 'ventas', 'contacto', 'compras', 'admin', 'gerencia', 'recepcion', 'pedidos'];
const VENDORS: Vendor[] = ['LEANCORE', 'BESCHANNELS', 'CRMCOM', 'ZEN'];
const REGIONS: Region[] = ['CO', 'CO', 'MX', 'PE', 'CL'];
const COUNTRY_CODE: Record<Region, string> = { CO: '57', MX: '52', PE: '51', CL: '56' };

interface Person {
  culture: 'latin' | 'chinese' | 'tusan';
  gender: Gender;
  given: string[];
  surnames: string[];
  /** The English name a Chinese-born person also goes by, if any. */
  english: string | null;
}

interface Phone {
  /** National significant number, digits only. */
  national: string;
  region: Region;
}

export function generatePairs(seed = SEED): EvalPair[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const usedPhones = new Set<string>();

  const mobile = (region: Region): Phone => {
    const prefix = {
      CO: pick(['300', '301', '310', '311', '313', '315', '316', '318', '320']),
      MX: pick(['55', '33', '81']),
      PE: '9',
      CL: '9',
    }[region];
    return fresh(region, () => prefix + digits(region === 'CO' ? 7 : 8));
  };
  const landline = (region: Region): Phone => {
    const prefix = { CO: pick(['601', '604', '602']), MX: pick(['55', '33']), PE: '1', CL: '2' }[region];
    return fresh(
      region,
      () =>
        prefix +
        (region === 'CO'
          ? pick(['2', '3', '4', '7']) + digits(6)
          : region === 'PE'
            ? pick(['2', '4', '7']) + digits(6)
            : digits(8)),
    );
  };
  function fresh(region: Region, draw: () => string): Phone {
    for (;;) {
      const national = draw();
      const e164 = normalizePhone(`+${COUNTRY_CODE[region]}${national}`, { defaultRegion: region });
      if (e164 && !usedPhones.has(e164)) {
        usedPhones.add(e164);
        return { national, region };
      }
    }
  }
  /** The number as one CRM or another writes it. */
  const writePhone = (phone: Phone, vendor: Vendor): string => {
    const cc = COUNTRY_CODE[phone.region];
    const n = phone.national;
    const spaced =
      n.length === 10
        ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`
        : `${n.slice(0, 1)} ${n.slice(1, 5)} ${n.slice(5)}`;
    const formats = [
      n,
      spaced,
      `+${cc} ${spaced}`,
      `+${cc}${n}`,
      `00${cc} ${n}`,
      n.length === 10 ? `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}` : `+${cc}-${n}`,
      `+${cc} ${n.replace(/(\d{2})(?=\d)/g, '$1-')}`,
    ];
    // LeanCore stores international numbers as bare digits, whatever was typed.
    return vendor === 'LEANCORE' ? `${cc}${n}` : pick(formats);
  };

  const latin = (gender: Gender = pick(['m', 'f'] as const)): Person => ({
    culture: 'latin',
    gender,
    given: chance(0.45)
      ? [pick(GIVEN[gender]), pick(MIDDLE[gender])].filter((v, i, all) => all.indexOf(v) === i)
      : [pick(GIVEN[gender])],
    surnames: [pick(SURNAMES), pick(SURNAMES)].filter((v, i, all) => all.indexOf(v) === i),
    english: null,
  });
  const chinese = (): Person => ({
    culture: 'chinese',
    gender: pick(['m', 'f'] as const),
    given: [pick(CHINESE_GIVEN)],
    surnames: [pick(CHINESE_SURNAMES)],
    english: chance(0.3) ? pick(ENGLISH_GIVEN) : null,
  });
  const tusan = (): Person => {
    const gender = pick(['m', 'f'] as const);
    return {
      culture: 'tusan',
      gender,
      given: [pick(GIVEN[gender])],
      surnames: [pick(CHINESE_SURNAMES), pick(SURNAMES)],
      english: null,
    };
  };
  const anyone = (): Person => (chance(0.15) ? chinese() : chance(0.1) ? tusan() : latin());

  /** The name in its usual order: given names, then surnames (Chinese: surname first). */
  const fullName = (p: Person): string =>
    p.culture === 'chinese'
      ? [...(p.english ? [p.english] : []), ...p.surnames, ...p.given].join(' ')
      : [...p.given, ...p.surnames].join(' ');
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
  const slug = (s: string) =>
    fold(s)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  /** Mailboxes given out so far: two people never hold one personal mailbox by chance. */
  const usedMailboxes = new Set<string>();
  /** A personal address as people pick them. */
  const personalEmail = (p: Person): string => {
    const first = slug(p.english ?? p.given[0] ?? 'x');
    const last = slug(p.surnames[0] ?? 'x');
    const domain = pick(PERSONAL_DOMAINS);
    const locals = [
      `${first}.${last}`,
      `${first}${last}`,
      `${first[0]}${last}`,
      `${first}.${last}${digits(2)}`,
      `${first}_${last}`,
      `${last}.${first}`,
    ];
    // Gmail ignores dots: j.perez@ and jperez@ are one mailbox.
    const mailbox = (local: string) => `${domain === 'gmail.com' ? local.replaceAll('.', '') : local}@${domain}`;
    const free = locals.filter((local) => !usedMailboxes.has(mailbox(local)));
    const local = free.length > 0 ? pick(free) : `${pick(locals)}${digits(3)}`;
    usedMailboxes.add(mailbox(local));
    return `${local}@${domain}`;
  };
  const workEmail = (p: Person, domain: string): string => {
    const first = slug(p.english ?? p.given[0] ?? 'x');
    const last = slug(p.surnames[0] ?? 'x');
    return `${pick([`${first}.${last}`, `${first[0]}${last}`, first])}@${domain}`;
  };
  /** How a CRM user types a name: case, accents, sometimes in first/last fields. */
  const typed = (name: string): string => {
    const r = random();
    if (r < 0.2) return fold(name).toUpperCase();
    if (r < 0.3) return name.toUpperCase();
    if (r < 0.4) return fold(name).toLowerCase();
    if (r < 0.5) return fold(name);
    return name;
  };
  const lead = (vendor: Vendor, fields: Omit<EvalLead, 'vendor'>): EvalLead => {
    const out: EvalLead = { vendor };
    // Some CRMs keep first and last names apart (and some users put everything in one).
    if (fields.name && chance(0.2)) {
      const words = fields.name.split(' ');
      const cut = words.length > 3 ? 2 : 1;
      fields = {
        ...fields,
        name: undefined,
        first: words.slice(0, cut).join(' '),
        last: words.slice(cut).join(' ') || undefined,
      };
    }
    for (const [key, value] of Object.entries(fields) as [keyof Omit<EvalLead, 'vendor'>, string | undefined][]) {
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
  const twoVendors = (): [Vendor, Vendor] => {
    const a = pick(VENDORS);
    return [a, pick(VENDORS.filter((v) => v !== a))];
  };
  const typo = (word: string): string => {
    const letters = [...word];
    // People see the first letter; slips land inside the word.
    const at = 1 + Math.floor(random() * (letters.length - 2));
    const ops = [
      () => letters.splice(at, 1),
      () => letters.splice(at, 0, letters[at] ?? ''),
      () => letters.splice(at, 2, letters[at + 1] ?? '', letters[at] ?? ''),
      () => letters.splice(at, 1, pick([...'aeiounrstl'])),
    ];
    pick(ops)();
    const out = letters.join('');
    return out === word ? `${word.slice(0, -1)}` : out;
  };

  const pairs: EvalPair[] = [];
  const add = (kind: string, label: Label, region: Region, a: EvalLead, b: EvalLead) =>
    pairs.push({ id: `${kind}-${pairs.filter((p) => p.kind === kind).length + 1}`, kind, label, region, a, b });

  /**
   * A positive pair: the same person in two CRMs. `nameB` is the second CRM's name; the two
   * share a phone, an email or both (what a people search finds them by), and now and then one
   * lacks the other key or writes a second address.
   */
  const samePerson = (
    kind: string,
    p: Person,
    nameA: string | undefined,
    nameB: string | undefined,
    keys: 'phone' | 'email' | 'both' = pick(['phone', 'email', 'both'] as const),
  ) => {
    const region = pick(REGIONS);
    const [va, vb] = twoVendors();
    const phone = mobile(region);
    const email = personalEmail(p);
    const company = chance(0.3) ? pick(COMPANIES)[0] : undefined;
    const a = lead(va, {
      name: nameA,
      phone: keys !== 'email' || chance(0.5) ? writePhone(phone, va) : undefined,
      email: keys !== 'phone' || chance(0.5) ? email : undefined,
      company,
    });
    const b = lead(vb, {
      name: nameB,
      phone: keys !== 'email' ? writePhone(phone, vb) : chance(0.3) ? writePhone(mobile(region), vb) : undefined,
      email: keys !== 'phone' ? email : chance(0.3) ? personalEmail(p).replace(/@.*/, '@outlook.com') : undefined,
      company: company && chance(0.5) ? company : undefined,
    });
    add(kind, 'same', region, a, b);
  };

  const N = 16;
  for (let i = 0; i < N; i += 1) {
    const p = latin();
    samePerson('accents-case', p, fullName(p), fold(fullName(p))[chance(0.5) ? 'toUpperCase' : 'toLowerCase']());
  }
  for (let i = 0; i < N; i += 1) {
    const p = latin();
    const reordered = chance(0.5)
      ? `${p.surnames.join(' ')}, ${p.given.join(' ')}`
      : `${p.surnames.join(' ')} ${p.given.join(' ')}`;
    samePerson('word-order', p, typed(fullName(p)), typed(reordered));
  }
  for (let i = 0; i < N; i += 1) {
    const p = latin();
    if (p.surnames.length < 2) p.surnames.push(pick(SURNAMES.filter((s) => s !== p.surnames[0])));
    const short = [...p.given, p.surnames[0]].join(' ');
    samePerson('second-surname', p, typed(fullName(p)), typed(short));
  }
  for (let i = 0; i < N; i += 1) {
    const p = latin();
    const words = fullName(p).split(' ');
    const at = words.findIndex((w, k) => w.length >= 5 && (k === 0 || chance(0.5)));
    const typoed = words.map((w, k) => (k === Math.max(at, 0) ? typo(w) : w)).join(' ');
    samePerson('typo', p, typed(fullName(p)), typed(typoed));
  }
  // Jonathan / Jonatan, the issue's own example.
  samePerson(
    'typo',
    { culture: 'latin', gender: 'm', given: ['Jonathan'], surnames: ['Mejía', 'Ocampo'], english: null },
    'Jonathan Mejía Ocampo',
    'JONATAN MEJIA',
  );
  for (let i = 0; i < N; i += 1) {
    const p = latin();
    const names = Object.keys(SHORT_FORMS).filter((n) => GIVEN[p.gender].includes(n));
    p.given = [pick(names)];
    const short = pick(SHORT_FORMS[p.given[0] as string] ?? []);
    samePerson(
      'short-form',
      p,
      typed(fullName(p)),
      typed([short, ...p.surnames.slice(0, chance(0.5) ? 2 : 1)].join(' ')),
    );
  }
  for (let i = 0; i < N; i += 1) {
    const p = latin();
    if (p.given.length < 2) p.given.push(pick(MIDDLE[p.gender].filter((m) => m !== p.given[0])));
    const initial = `${(p.given[1] as string)[0]}.`;
    samePerson(
      'initials',
      p,
      typed(fullName(p)),
      typed([p.given[0], initial, ...p.surnames.slice(0, chance(0.5) ? 2 : 1)].join(' ')),
    );
  }
  for (let i = 0; i < N; i += 1) {
    const p = anyone();
    samePerson('phone-format', p, typed(fullName(p)), typed(fullName(p)), 'phone');
  }
  for (let i = 0; i < N; i += 1) {
    const p = anyone();
    const region = pick(REGIONS);
    const [va, vb] = twoVendors();
    const first = slug(p.english ?? p.given[0] ?? 'x');
    const last = slug(p.surnames[0] ?? 'x');
    const a = lead(va, {
      name: typed(fullName(p)),
      email: `${first}.${last}@gmail.com`,
      phone: chance(0.5) ? writePhone(mobile(region), va) : undefined,
    });
    const b = lead(vb, {
      name: chance(0.8) ? typed(fullName(p)) : undefined,
      email: pick([
        `${first}${last}@gmail.com`,
        `${first}.${last}+${pick(['crm', 'ventas', 'promo', 'newsletter'])}@gmail.com`,
        `${first[0]?.toUpperCase()}${first.slice(1)}.${last.toUpperCase()}@googlemail.com`,
      ]),
    });
    add('gmail-dots-plus', 'same', region, a, b);
  }
  for (let i = 0; i < N; i += 1) {
    const p = anyone();
    samePerson('missing-name', p, typed(fullName(p)), undefined);
  }
  for (let i = 0; i < N; i += 1) {
    const p = anyone();
    const region = pick(REGIONS);
    const [va, vb] = twoVendors();
    const phone = mobile(region);
    add(
      'missing-email',
      'same',
      region,
      lead(va, { name: typed(fullName(p)), phone: writePhone(phone, va), email: personalEmail(p) }),
      lead(vb, {
        name: typed(chance(0.5) ? fullName(p) : [...p.given.slice(0, 1), ...p.surnames.slice(0, 1)].join(' ')),
        phone: writePhone(phone, vb),
      }),
    );
  }
  for (let i = 0; i < N; i += 1) {
    const p = chinese();
    const [surname, given] = [p.surnames[0] as string, p.given[0] as string];
    const joinedOrSplit = SYLLABLES[given] ?? given;
    const variants = [
      `${given} ${surname}`,
      `${surname.toUpperCase()} ${given}`,
      `${surname} ${joinedOrSplit}`,
      `${p.english ?? pick(ENGLISH_GIVEN)} ${surname} ${given}`,
      `${given} ${surname.toUpperCase()}`,
    ];
    samePerson('chinese-name', p, `${surname} ${given}`, pick(variants));
  }
  for (let i = 0; i < N; i += 1) {
    const p = latin();
    if (p.given.length < 2) p.given.push(pick(MIDDLE[p.gender].filter((m) => m !== p.given[0])));
    // Goes by one of the two given names in the other CRM (Andrés Felipe → Felipe).
    const one = chance(0.5) ? p.given[1] : p.given[0];
    samePerson('one-given-name', p, typed(fullName(p)), typed([one, ...p.surnames].join(' ')));
  }
  for (let i = 0; i < N; i += 1) {
    const p = anyone();
    const region = pick(REGIONS);
    const [va, vb] = twoVendors();
    const phone = mobile(region);
    const [company, domain] = pick(COMPANIES);
    add(
      'work-and-personal-email',
      'same',
      region,
      lead(va, { name: typed(fullName(p)), phone: writePhone(phone, va), email: workEmail(p, domain), company }),
      lead(vb, { name: typed(fullName(p)), phone: writePhone(phone, vb), email: personalEmail(p) }),
    );
  }

  // Hard negatives: two people the leads' keys put side by side.
  for (let i = 0; i < 20; i += 1) {
    const region = pick(REGIONS);
    const [company, domain] = pick(COMPANIES);
    const mailbox = `${pick(ROLE_MAILBOXES)}${chance(0.2) ? pick(['2', '.bogota', '.lima']) : ''}@${domain}`;
    const [x, y] = [anyone(), anyone()];
    const [va, vb] = chance(0.5) ? twoVendors() : ([pick(VENDORS), pick(VENDORS)] as [Vendor, Vendor]);
    const switchboard = chance(0.4) ? landline(region) : null;
    add(
      'role-mailbox',
      'different',
      region,
      lead(va, {
        name: typed(fullName(x)),
        email: chance(0.5) ? mailbox.toUpperCase() : mailbox,
        company,
        phone: switchboard ? writePhone(switchboard, va) : chance(0.5) ? writePhone(mobile(region), va) : undefined,
      }),
      lead(vb, {
        name: typed(fullName(y)),
        email: mailbox,
        company: chance(0.5) ? company : undefined,
        phone: switchboard ? writePhone(switchboard, vb) : undefined,
      }),
    );
  }
  /** Two people of one household: a couple (own surnames) or a parent and child (a surname in common). */
  const household = (): [Person, Person] => {
    const x = latin();
    const y = latin(x.gender === 'm' ? 'f' : chance(0.5) ? 'm' : 'f');
    if (chance(0.6)) y.surnames = [x.surnames[0] as string, pick(SURNAMES)];
    return [x, y];
  };
  for (let i = 0; i < 20; i += 1) {
    const region = pick(REGIONS);
    const [x, y] = household();
    const [va, vb] = twoVendors();
    const sx = slug(x.surnames[0] as string);
    const sy = slug(y.surnames[y.surnames[0] === x.surnames[0] ? 1 : 0] as string);
    const shared = pick([
      `familia.${sx}@gmail.com`,
      `${sx}${sy}@hotmail.com`,
      `${slug(x.given[0] as string)}y${slug(y.given[0] as string)}@gmail.com`,
      `los${sx}@yahoo.com`,
      `${slug(x.given[0] as string)}.${sx}@gmail.com`,
      `casa.${sx}@outlook.com`,
    ]);
    const home = chance(0.4) ? landline(region) : null;
    add(
      'household-mailbox',
      'different',
      region,
      lead(va, {
        name: typed(fullName(x)),
        email: shared,
        phone: home ? writePhone(home, va) : writePhone(mobile(region), va),
      }),
      lead(vb, {
        name: typed(fullName(y)),
        email: chance(0.3) ? shared.toUpperCase() : shared,
        phone: home ? writePhone(home, vb) : chance(0.5) ? writePhone(mobile(region), vb) : undefined,
      }),
    );
  }
  for (let i = 0; i < 20; i += 1) {
    const region = pick(REGIONS);
    const [company, domain] = pick(COMPANIES);
    const line = landline(region);
    const [x, y] = [anyone(), anyone()];
    const [va, vb] = twoVendors();
    add(
      'switchboard',
      'different',
      region,
      lead(va, {
        name: typed(fullName(x)),
        phone: writePhone(line, va),
        email: chance(0.7) ? workEmail(x, domain) : undefined,
        company,
      }),
      lead(vb, {
        name: typed(fullName(y)),
        phone: writePhone(line, vb),
        email: chance(0.5) ? workEmail(y, domain) : undefined,
        company: chance(0.5) ? company : undefined,
      }),
    );
  }
  for (let i = 0; i < 20; i += 1) {
    const region = pick(REGIONS);
    const [x, y] = household();
    // Siblings share both surnames; a gendered pair of names now and then (Juan / Juana).
    if (chance(0.5)) y.surnames = [...x.surnames];
    if (chance(0.3)) {
      const pair = pick([
        ['Juan', 'Juana'],
        ['Daniel', 'Daniela'],
        ['Francisco', 'Francisca'],
        ['Luis', 'Luisa'],
        ['Mario', 'María'],
        ['Gabriel', 'Gabriela'],
        ['Andrés', 'Andrea'],
        ['Mario', 'Marco'],
        ['Paola', 'Paula'],
      ] as const);
      x.given = [pair[0]];
      y.given = [pair[1]];
    }
    // A father and son of one name, told apart by the second surname (the son's mother's).
    if (chance(0.3)) {
      y.gender = x.gender = 'm';
      y.given = [...(x.given = [pick(GIVEN.m)])];
      y.surnames = [x.surnames[0] as string, pick(SURNAMES.filter((s) => !x.surnames.includes(s)))];
      if (x.surnames.length < 2) x.surnames.push(pick(SURNAMES.filter((s) => !y.surnames.includes(s))));
    }
    const line = chance(0.5) ? landline(region) : mobile(region);
    const [va, vb] = twoVendors();
    add(
      'family-line',
      'different',
      region,
      lead(va, {
        name: typed(fullName(x)),
        phone: writePhone(line, va),
        email: chance(0.5) ? personalEmail(x) : undefined,
      }),
      lead(vb, {
        name: typed(fullName(y)),
        phone: writePhone(line, vb),
        email: chance(0.5) ? personalEmail(y) : undefined,
      }),
    );
  }
  for (let i = 0; i < 20; i += 1) {
    const region = pick(REGIONS);
    const p = anyone();
    const [va, vb] = twoVendors();
    const [company] = pick(COMPANIES);
    add(
      'namesake',
      'different',
      region,
      lead(va, {
        name: typed(fullName(p)),
        phone: writePhone(mobile(region), va),
        email: chance(0.6) ? personalEmail(p) : undefined,
        company: chance(0.3) ? company : undefined,
      }),
      lead(vb, {
        name: typed(fullName(p)),
        phone: writePhone(mobile(region), vb),
        email: chance(0.6) ? personalEmail(p) : undefined,
        company: chance(0.3) ? company : undefined,
      }),
    );
  }
  for (let i = 0; i < 20; i += 1) {
    const region = pick(REGIONS);
    const [x, y] = household();
    y.surnames = chance(0.5) ? [...x.surnames] : [x.surnames[0] as string, pick(SURNAMES)];
    const [va, vb] = twoVendors();
    const shared = pick(['phone', 'email', 'none'] as const);
    const phone = mobile(region);
    const email = personalEmail(x);
    add(
      'relatives-surname',
      'different',
      region,
      lead(va, { name: typed(fullName(x)), phone: writePhone(phone, va), email }),
      lead(vb, {
        name: typed(fullName(y)),
        phone: shared === 'phone' ? writePhone(phone, vb) : writePhone(mobile(region), vb),
        email: shared === 'email' ? email : chance(0.5) ? personalEmail(y) : undefined,
      }),
    );
  }
  for (let i = 0; i < 12; i += 1) {
    const region = pick(REGIONS);
    const [x, y] = [anyone(), anyone()];
    const [va, vb] = twoVendors();
    add(
      'unrelated',
      'different',
      region,
      lead(va, { name: typed(fullName(x)), phone: writePhone(mobile(region), va), email: personalEmail(x) }),
      lead(vb, { name: typed(fullName(y)), phone: writePhone(mobile(region), vb), email: personalEmail(y) }),
    );
  }
  return pairs;
}

export const PAIRS_FILE = fileURLToPath(new URL('./pairs.json', import.meta.url));

export function serialize(pairs: EvalPair[]): string {
  return `${JSON.stringify(pairs, null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pairs = generatePairs();
  writeFileSync(PAIRS_FILE, serialize(pairs));
  console.log(`${pairs.length} pairs written to ${PAIRS_FILE}`);
}
