// The matching rule of src/leads/people.ts on tricky data (unit tests on LeadModel values).
import { describe, expect, it } from 'vitest';
import type { LeadModel, Vendor } from '../../../src/model/models.js';
import { normalizeEmail, normalizePhone } from '../../../src/model/normalize.js';
import { groupLeads, groupPeople, nameKey, namesCompatible } from '../../../src/leads/people.js';

/** A lead as a vendor's mapper would build it: phone to E.164, email lower-cased. */
function lead(
  vendor: Vendor,
  key: string,
  fields: { name?: string | null; first?: string; last?: string; phone?: string | null; email?: string | null },
): LeadModel {
  return {
    id: `${vendor.toLowerCase()}:${key}`,
    vendor,
    remoteId: key,
    firstName: fields.first ?? null,
    lastName: fields.last ?? null,
    fullName: fields.name ?? null,
    companyName: null,
    email: normalizeEmail(fields.email),
    phone: normalizePhone(fields.phone, { defaultRegion: 'CO', bareDigitsAreInternational: vendor === 'LEANCORE' }),
    status: null,
    score: null,
    address: null,
    owner: null,
    financialEntity: null,
    customFields: [],
    remoteData: null,
  };
}

const ids = (groups: LeadModel[][]) => groups.map((g) => g.map((l) => l.id));

const SWITCHBOARD = '+57 601 7423000'; // a Bogotá landline shared by a company's staff

describe('names', () => {
  it('compares names ignoring case, accents, punctuation and word order', () => {
    expect(nameKey('Ríos Gómez,  VALENTINA')).toBe(nameKey('valentina rios gomez'));
    expect(namesCompatible('Valentina Ríos', 'VALENTINA RIOS GÓMEZ')).toBe(true);
    expect(namesCompatible('Ana Pérez', 'Luis Gómez')).toBe(false);
    expect(namesCompatible('Ana Pérez', 'Ana Gómez')).toBe(false);
  });
});

describe('matching leads into people', () => {
  it('the same phone written three ways (and the same email in two cases) is one person', () => {
    const leads = [
      lead('LEANCORE', 'a', {
        name: 'Valentina Ríos Gómez',
        phone: '573136434030',
        email: 'Valentina.Rios@Example.co',
      }),
      lead('BESCHANNELS', 'b', { name: 'Valentina Rios', phone: '313 643 4030', email: null }),
      lead('CRMCOM', 'c', {
        first: 'VALENTINA',
        last: 'RÍOS',
        phone: '+57 (313) 643-4030',
        email: 'valentina.rios@example.co',
      }),
    ];
    expect(new Set(leads.map((l) => l.phone))).toEqual(new Set(['+573136434030']));
    const [person, ...others] = groupPeople(leads);
    expect(others).toEqual([]);
    expect(person?.leads.map((l) => l.id)).toEqual(['leancore:a', 'beschannels:b', 'crmcom:c']);
    expect(person?.vendors).toEqual(['LEANCORE', 'BESCHANNELS', 'CRMCOM']);
    expect(person?.phone).toEqual({ value: '+573136434030', vendor: 'LEANCORE', leadId: 'leancore:a' });
    expect(person?.email).toEqual({ value: 'valentina.rios@example.co', vendor: 'LEANCORE', leadId: 'leancore:a' });
    // "Valentina Rios" and "VALENTINA RÍOS" are the same name to two leads: it beats the longer one.
    expect(person?.fullName).toEqual({ value: 'Valentina Rios', vendor: 'BESCHANNELS', leadId: 'beschannels:b' });
  });

  it('the same email in any case is one person, whatever the phones, when the names agree', () => {
    const groups = groupLeads([
      lead('LEANCORE', 'a', {
        name: 'Andrés Felipe Torres',
        phone: '573001234567',
        email: 'AFTorres@TorresLogistica.co',
      }),
      lead('CRMCOM', 'c', { name: 'Felipe Torres', phone: '3109876543', email: ' aftorres@torreslogistica.co ' }),
    ]);
    expect(ids(groups)).toEqual([['leancore:a', 'crmcom:c']]);
  });

  // Issue 22 changed this one: the old rule joined any two leads on one address. Two given
  // names that pair with nothing (Andrés / Felipe) on one address are a shared mailbox.
  it('the same email with given names that differ is two people', () => {
    const groups = groupLeads([
      lead('LEANCORE', 'a', { name: 'Andrés Torres', phone: '573001234567', email: 'AFTorres@TorresLogistica.co' }),
      lead('CRMCOM', 'c', { name: 'Felipe Torres', phone: '3109876543', email: ' aftorres@torreslogistica.co ' }),
    ]);
    expect(ids(groups)).toEqual([['leancore:a'], ['crmcom:c']]);
  });

  it('different people on a company switchboard stay apart (different names and emails)', () => {
    const people = groupPeople([
      lead('BESCHANNELS', 'ana', { name: 'Ana Pérez', phone: SWITCHBOARD, email: 'ana@constructora.co' }),
      lead('CRMCOM', 'luis', { name: 'Luis Gómez', phone: SWITCHBOARD, email: 'luis@constructora.co' }),
    ]);
    expect(people.map((p) => p.leads.map((l) => l.id))).toEqual([['beschannels:ana'], ['crmcom:luis']]);
  });

  it('a shared phone with a different name alone is not enough (no emails)', () => {
    const groups = groupLeads([
      lead('BESCHANNELS', 'ana', { name: 'Ana Pérez', phone: SWITCHBOARD }),
      lead('CRMCOM', 'ana2', { name: 'Ana Gómez', phone: SWITCHBOARD }),
    ]);
    expect(groups).toHaveLength(2);
  });

  it('a shared phone with the same name links even with two emails (one person, two addresses)', () => {
    const [person, ...others] = groupPeople([
      lead('LEANCORE', 'a', { name: 'Lucía Hernández', phone: '525512345678', email: 'lucia@cafelucia.mx' }),
      lead('CRMCOM', 'c', { name: 'LUCIA HERNANDEZ', phone: '+52 55 1234 5678', email: 'lucia.h@gmail.com' }),
    ]);
    expect(others).toEqual([]);
    expect(person?.emails).toEqual(['lucia@cafelucia.mx', 'lucia.h@gmail.com']);
  });

  it('a shared phone with a missing name and different emails is not enough', () => {
    const groups = groupLeads([
      lead('BESCHANNELS', 'b', { name: null, phone: SWITCHBOARD, email: 'compras@constructora.co' }),
      lead('CRMCOM', 'c', { name: 'Luis Gómez', phone: SWITCHBOARD, email: 'luis@constructora.co' }),
    ]);
    expect(groups).toHaveLength(2);
  });

  it('a shared phone with nothing contradicting it links (missing name, missing email)', () => {
    const [person, ...others] = groupPeople([
      lead('BESCHANNELS', 'b', { name: null, phone: '3136434030', email: null }),
      lead('CRMCOM', 'c', { name: 'Valentina Ríos', phone: '3136434030', email: 'valentina.rios@example.co' }),
    ]);
    expect(others).toEqual([]);
    expect(person?.fullName?.vendor).toBe('CRMCOM');
    expect(person?.email?.leadId).toBe('crmcom:c');
  });

  it('links are transitive: A = B by email, B = C by phone', () => {
    const groups = groupLeads([
      lead('LEANCORE', 'a', { name: 'Valentina Ríos', phone: '573136434030', email: 'valentina.rios@example.co' }),
      lead('BESCHANNELS', 'b', { name: 'Valentina Ríos', phone: '3157778899', email: 'VALENTINA.RIOS@example.co' }),
      lead('CRMCOM', 'c', { name: 'Valentina', phone: '315 777 8899', email: 'vale@panaderia.co' }),
      lead('ZEN', 'd', { name: 'Otra Persona', phone: '3000000000' }),
    ]);
    expect(ids(groups)).toEqual([['leancore:a', 'beschannels:b', 'crmcom:c'], ['zen:d']]);
  });

  it('a lead with no name and no email on a switchboard cannot chain two people together', () => {
    const groups = groupLeads([
      lead('LEANCORE', 'x', { name: null, phone: '576017423000', email: null }),
      lead('BESCHANNELS', 'ana', { name: 'Ana Pérez', phone: SWITCHBOARD, email: 'ana@constructora.co' }),
      lead('CRMCOM', 'luis', { name: 'Luis Gómez', phone: SWITCHBOARD, email: 'luis@constructora.co' }),
    ]);
    // It could be either of them: it stays apart, and Ana and Luis are never one person.
    expect(ids(groups)).toEqual([['leancore:x'], ['beschannels:ana'], ['crmcom:luis']]);
  });

  it('a lead with no name and no email joins the one person on its phone', () => {
    const groups = groupLeads([
      lead('LEANCORE', 'x', { name: null, phone: '576017423000', email: null }),
      lead('BESCHANNELS', 'y', { name: null, phone: SWITCHBOARD, email: null }),
      lead('CRMCOM', 'luis', { name: 'Luis Gómez', phone: SWITCHBOARD, email: 'luis@constructora.co' }),
    ]);
    expect(ids(groups)).toEqual([['leancore:x', 'beschannels:y', 'crmcom:luis']]);
  });

  it('leads with missing fields are people of their own, with nulls where nothing is known', () => {
    const people = groupPeople([
      lead('CRMCOM', 'empty', {}),
      lead('BESCHANNELS', 'bad-phone', { name: 'Sin Teléfono', phone: '12', email: null }),
      lead('LEANCORE', 'empty2', {}),
    ]);
    expect(people.map((p) => p.leads.map((l) => l.id))).toEqual([
      ['leancore:empty2'],
      ['beschannels:bad-phone'],
      ['crmcom:empty'],
    ]);
    expect(people[0]).toMatchObject({ fullName: null, email: null, phone: null, emails: [], phones: [] });
    expect(people[1]?.fullName?.value).toBe('Sin Teléfono');
    expect(people[1]?.phone).toBeNull();
  });

  it('is deterministic: the same answer whatever order the leads come in, duplicates once', () => {
    const leads = [
      lead('ZEN', 'z', { name: 'Valentina Ríos', phone: '3136434030' }),
      lead('LEANCORE', 'a', { name: 'Valentina Ríos Gómez', phone: '573136434030', email: 'v@example.co' }),
      lead('CRMCOM', 'c', { name: 'Luis Gómez', phone: SWITCHBOARD, email: 'luis@constructora.co' }),
      lead('BESCHANNELS', 'b', { name: 'Valentina Rios', email: 'V@Example.co' }),
      lead('BESCHANNELS', 'ana', { name: 'Ana Pérez', phone: SWITCHBOARD, email: 'ana@constructora.co' }),
    ];
    const expected = groupPeople(leads);
    for (const shuffled of [
      [...leads].reverse(),
      [leads[2], leads[0], leads[4], leads[1], leads[3]],
      [...leads, ...leads],
    ]) {
      expect(groupPeople(shuffled as LeadModel[])).toEqual(expected);
    }
    expect(ids(expected.map((p) => p.leads))).toEqual([
      ['leancore:a', 'beschannels:b', 'zen:z'],
      ['beschannels:ana'],
      ['crmcom:c'],
    ]);
  });

  it('best-known values: most leads first, then the more complete name, then vendor precedence', () => {
    const [tie] = groupPeople([
      lead('CRMCOM', 'c', { name: 'Valentina Ríos Gómez', email: 'v@example.co', phone: '3136434030' }),
      lead('BESCHANNELS', 'b', { name: 'Valentina Ríos', email: 'v@example.co', phone: '3157778899' }),
    ]);
    expect(tie?.fullName).toEqual({ value: 'Valentina Ríos Gómez', vendor: 'CRMCOM', leadId: 'crmcom:c' });
    // Phones tie too: BesChannels comes before CRM.COM.
    expect(tie?.phone).toEqual({ value: '+573157778899', vendor: 'BESCHANNELS', leadId: 'beschannels:b' });
    expect(tie?.phones).toEqual(['+573157778899', '+573136434030']);

    const [majority] = groupPeople([
      lead('LEANCORE', 'a', { name: 'Vale', email: 'v@example.co', phone: '573136434030' }),
      lead('BESCHANNELS', 'b', { name: 'Valentina Ríos', email: 'v@example.co', phone: '3157778899' }),
      lead('CRMCOM', 'c', { name: 'Valentina Rios', email: 'v@example.co', phone: '3157778899' }),
    ]);
    expect(majority?.fullName?.value).toBe('Valentina Ríos');
    expect(majority?.phone?.value).toBe('+573157778899');
  });
});
