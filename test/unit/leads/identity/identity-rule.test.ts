// The same-person rule on the issue's own examples, the group guard, and its setting.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/errors.js';
import { loadConfig } from '../../../../src/config.js';
import { matchPeople } from '../../../../src/leads/people.js';
import { mailboxOf, sharedMailboxKind } from '../../../../src/leads/identity/mailboxes.js';
import { compareNames, identityWords } from '../../../../src/leads/identity/names.js';
import { toLead } from '../../../identity/evaluate.js';
import type { EvalLead } from '../../../identity/generate.js';

let next = 0;
const lead = (fields: Omit<EvalLead, 'vendor'>, vendor: EvalLead['vendor'] = 'BESCHANNELS') =>
  toLead({ vendor, ...fields }, `k${(next += 1)}`, 'CO');
const people = (...leads: ReturnType<typeof lead>[]) => matchPeople(leads).map((g) => g.leads.map((l) => l.id));
const level = (a: string, b: string) => compareNames(identityWords(a), identityWords(b)).level;

describe('the pairs the old rule got wrong (issue 22)', () => {
  it('two staff on one role mailbox are two people', () => {
    const a = lead({ name: 'Carlos Mendoza', email: 'ventas@constructoraandina.co' });
    const b = lead({ name: 'Paola Ríos', email: 'VENTAS@constructoraandina.co' }, 'CRMCOM');
    expect(people(a, b)).toHaveLength(2);
    const [first] = matchPeople([a, b]);
    expect(first?.keptApart[0]?.comparisons[1]).toMatchObject({ level: 'SHARED_MAILBOX', weight: 2 });
    expect(first?.keptApart[0]?.summary).toContain('shared mailbox ventas@constructoraandina.co +2, names differ −12');
  });

  it('a couple on one personal address are two people; the same name on a role mailbox is one', () => {
    expect(
      people(
        lead({ name: 'Juan Pérez', email: 'juanymaria@gmail.com' }),
        lead({ name: 'María Gómez', email: 'juanymaria@gmail.com' }, 'CRMCOM'),
      ),
    ).toHaveLength(2);
    expect(
      people(
        lead({ name: 'Carlos Mendoza', email: 'compras@acme.co' }),
        lead({ name: 'CARLOS MENDOZA', email: 'compras@acme.co' }, 'CRMCOM'),
      ),
    ).toHaveLength(1);
  });

  it.each([
    ['Jonathan Mejía', 'JONATAN MEJIA'],
    ['Alejandro Díaz', 'Alejo Díaz'],
    ['María José Hernández', 'MARIA J. HERNANDEZ'],
  ])('%s and %s on one phone are one person', (x, y) => {
    expect(
      people(lead({ name: x, phone: '3001234567' }), lead({ name: y, phone: '+57 300 123 4567' }, 'CRMCOM')),
    ).toHaveLength(1);
  });
});

describe('names', () => {
  it.each([
    ['Valentina Ríos', 'RIOS, VALENTINA', 'SAME'],
    ['Sra. María de los Ángeles Ruiz', 'Maria Angeles Ruiz', 'SAME'],
    ['Valentina Ríos', 'Valentina Ríos Gómez', 'SIMILAR'],
    ['Wang Lihua', 'Li Hua Wang', 'SAME'],
    ['Kevin Chen Wei', 'Chen Wei', 'SIMILAR'],
    ['Juan Carlos Pérez', 'Juan Pérez Gómez', 'PARTIAL'],
    ['Valentina', 'Valentina Ríos', 'PARTIAL'],
    ['Juan Pérez', 'Juana Pérez', 'DIFFERENT'],
    ['Francisco Torres', 'Francisca Torres', 'DIFFERENT'],
    ['Mario Ruiz', 'Marco Ruiz', 'DIFFERENT'],
    ['Andrés Torres', 'Felipe Torres', 'DIFFERENT'],
    ['Luis Jiménez Hernández', 'Luis Jiménez Arboleda', 'DIFFERENT'],
    ['Wang Wei', 'Wang Fang', 'DIFFERENT'],
  ])('%s / %s: %s', (a, b, expected) => {
    expect(level(a, b)).toBe(expected);
    expect(level(b, a)).toBe(expected);
  });
});

describe('mailboxes', () => {
  it('applies the provider’s rules, and knows role and household mailboxes', () => {
    expect(mailboxOf('j.perez+crm@gmail.com')).toBe('jperez@gmail.com');
    expect(mailboxOf('j.perez@googlemail.com')).toBe('jperez@gmail.com');
    expect(mailboxOf('ana.ruiz+promo@outlook.com')).toBe('ana.ruiz@outlook.com');
    expect(mailboxOf('j.perez+crm@empresa.co')).toBe('j.perez+crm@empresa.co');
    expect(
      ['ventas@a.co', 'ventas.bogota@a.co', 'info2@a.co', 'familia.perez@gmail.com', 'ana@a.co'].map(sharedMailboxKind),
    ).toEqual(['role', 'role', 'role', 'household', null]);
  });
});

describe('the group guard', () => {
  it('refuses a link that would put two contradicting leads in one person, and says which', () => {
    // X has no name: its address ties it to Ana, its phone to Luis. Ana and Luis are two people.
    const x = lead({ email: 'ana.perez@gmail.com', phone: '3105550000' }, 'LEANCORE');
    const ana = lead({ name: 'Ana Pérez', email: 'ana.perez@gmail.com' });
    const luis = lead({ name: 'Luis Gómez', phone: '3105550000' }, 'CRMCOM');
    const groups = matchPeople([x, ana, luis]);
    expect(groups.map((g) => g.leads.map((l) => l.id))).toEqual([[x.id, ana.id], [luis.id]]);
    expect(groups[1]?.keptApart).toEqual([
      expect.objectContaining({
        leads: [luis, x],
        reason: 'CONTRADICTED_BY_GROUP',
        contradiction: [ana.id, luis.id],
        score: 7,
      }),
    ]);
  });

  it('a lead with only an address joins the person who holds it among others', () => {
    const work = lead({ name: 'Lucía Hernández', email: 'lucia@cafelucia.mx', phone: '3001112233' }, 'LEANCORE');
    const home = lead({ name: 'LUCIA HERNANDEZ', email: 'lucia.h@gmail.com', phone: '300 111 2233' });
    const form = lead({ email: 'Lucia.H+web@gmail.com' }, 'CRMCOM');
    expect(people(work, home, form)).toEqual([[work.id, home.id, form.id]]);
  });

  it('a blank lead joins the one person on its phone, on that basis', () => {
    const blank = lead({ phone: '6017423000' }, 'LEANCORE');
    const ana = lead({ name: 'Ana Pérez', phone: '601 742 3000', company: 'Constructora Andina' });
    const [person, ...others] = matchPeople([blank, ana]);
    expect(others).toEqual([]);
    expect(person?.links).toEqual([expect.objectContaining({ leads: [ana, blank], basis: 'SOLE_PERSON_ON_PHONE' })]);
  });

  it('a blank lead on a phone two people hold stays apart, with the reason', () => {
    const blank = lead({ phone: '6017423000' }, 'LEANCORE');
    const ana = lead({ name: 'Ana Pérez', phone: '601 742 3000' });
    const luis = lead({ name: 'Luis Gómez', phone: '601 742 3000' }, 'CRMCOM');
    const [alone] = matchPeople([blank, ana, luis]);
    expect(alone?.leads).toEqual([blank]);
    expect(alone?.keptApart.map((k) => k.reason)).toEqual(['PHONE_HELD_BY_SEVERAL', 'PHONE_HELD_BY_SEVERAL']);
  });
});

describe('PERSON_MATCH_THRESHOLD', () => {
  it('is read and bounded: below 5.5 a contradicting name could be outweighed', () => {
    expect(loadConfig({ PERSON_MATCH_THRESHOLD: '8.5' }).personMatchThreshold).toBe(8.5);
    expect(loadConfig({}).personMatchThreshold).toBeUndefined();
    expect(() => loadConfig({ PERSON_MATCH_THRESHOLD: '5' })).toThrow(ConfigError);
    expect(() => loadConfig({ PERSON_MATCH_THRESHOLD: 'seven' })).toThrow(ConfigError);
  });

  it('decides: one phone and a name that agrees is one person at 7, two at 13', () => {
    const a = lead({ name: 'Valentina Ríos', phone: '3136434030' });
    const b = lead({ name: 'VALENTINA RIOS', phone: '313 643 4030' }, 'CRMCOM');
    expect(matchPeople([a, b])).toHaveLength(1);
    expect(matchPeople([a, b], { threshold: 13 })).toHaveLength(2);
  });
});
