// The six writes of the graph as the idempotency tests drive them: how to set one up on fresh
// simulator data, its operation, the simulator path that carries it, and what the vendor must
// hold afterwards.
import { expect } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import type { SimulatorServer } from '../../src/simulators/server.js';
import { errorCodes, type TestGraph } from './graph.js';
import { leanCoreId } from './lead-ids.js';

export const CREATE_LEAD = `mutation($input: CreateLeadInput!, $key: String) {
  createLead(input: $input, idempotencyKey: $key) { id phone fullName owner { id } }
}`;

export const LEANCORE_VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
export const CREDITO_AGIL = '8d0f1c52-7a4e-4f7e-9a51-2f4a3c9b1e10';

let phoneCounter = Math.floor(Math.random() * 5_000_000);

/** A Colombian mobile number no simulator lead has yet (E.164). */
export function freshPhone(): string {
  phoneCounter += 1;
  return `+57310${String(1_000_000 + phoneCounter).slice(-7)}`;
}

const compact = (phone: string) => phone.replace(/[\s\-()]/g, '');

/** A new BesChannels lead (no key), for writes that need one; its global id. */
export async function createBesChannelsLead(t: TestGraph, phone = freshPhone()): Promise<string> {
  const result = await t.execute<{ createLead: { id: string } }>(CREATE_LEAD, {
    input: { fullName: 'Lead de Prueba', phone },
  });
  expect(errorCodes(result)).toEqual([]);
  return result.data!.createLead.id;
}

export interface PreparedWrite {
  query: string;
  variables: Record<string, unknown>;
  /** What the vendor must hold after the write was done once, and that `data` shows it. */
  verify(data: Record<string, unknown> | null | undefined): void;
}

export interface WritePath {
  name: string;
  /** The simulator that takes the write, and the path (suffix) of its write call. */
  sim(t: TestGraph): SimulatorServer;
  path: string;
  prepare(t: TestGraph): Promise<PreparedWrite>;
}

const besLead = (t: TestGraph, id: string) =>
  t.sims.beschannels.leads.filter((l) => `beschannels:${l.leads_id}` === id);

export const WRITE_PATHS: WritePath[] = [
  {
    name: 'createLead',
    sim: (t) => t.sims.beschannels,
    path: '/create-leads',
    prepare: (t) => {
      const phone = freshPhone();
      return Promise.resolve({
        query: CREATE_LEAD,
        variables: { input: { fullName: 'Ana Reintento', phone, ownerId: '1031' } },
        verify(data) {
          expect(data?.['createLead']).toMatchObject({ phone, fullName: 'Ana Reintento', owner: { id: '1031' } });
          expect(t.sims.beschannels.leads.filter((l) => compact(l.MobilePhone) === phone)).toHaveLength(1);
        },
      });
    },
  },
  {
    name: 'updateLead',
    sim: (t) => t.sims.beschannels,
    path: '/edit-leads',
    prepare: async (t) => {
      const id = await createBesChannelsLead(t);
      return {
        query: `mutation($id: ID!, $key: String) {
          updateLead(id: $id, input: { companyName: "Reintentos SAS" }, idempotencyKey: $key) { id companyName }
        }`,
        variables: { id },
        verify(data) {
          expect(data?.['updateLead']).toEqual({ id, companyName: 'Reintentos SAS' });
          expect(besLead(t, id).map((l) => l.Company)).toEqual(['Reintentos SAS']);
        },
      };
    },
  },
  {
    name: 'deleteLead',
    sim: (t) => t.sims.beschannels,
    path: '/del-leads',
    prepare: async (t) => {
      const id = await createBesChannelsLead(t);
      return {
        query: `mutation($id: ID!, $key: String) { deleteLead(id: $id, idempotencyKey: $key) }`,
        variables: { id },
        verify(data) {
          expect(data?.['deleteLead']).toBe(id);
          expect(besLead(t, id)).toEqual([]);
        },
      };
    },
  },
  {
    name: 'assignLead',
    sim: (t) => t.sims.beschannels,
    path: '/leads-assignment',
    prepare: async (t) => {
      const id = await createBesChannelsLead(t);
      return {
        query: `mutation($id: ID!, $key: String) {
          assignLead(id: $id, ownerId: "1025", idempotencyKey: $key) { id owner { id } }
        }`,
        variables: { id },
        verify(data) {
          expect(data?.['assignLead']).toEqual({ id, owner: { id: '1025' } });
          expect(besLead(t, id).map((l) => l.LeadOwner)).toEqual(['1025']);
        },
      };
    },
  },
  {
    name: 'addLeadRemark',
    sim: (t) => t.sims.beschannels,
    path: '/add-remarks',
    prepare: async (t) => {
      const leadId = await createBesChannelsLead(t);
      const leadsId = Number(leadId.split(':')[1]);
      return {
        query: `mutation($leadId: ID!, $key: String) {
          addLeadRemark(leadId: $leadId, content: "Llamar el lunes", idempotencyKey: $key) { id content }
        }`,
        variables: { leadId },
        verify(data) {
          const stored = t.sims.beschannels.remarks.filter((r) => r.leads_id === leadsId);
          expect(stored.map((r) => r.content)).toEqual(['Llamar el lunes']);
          expect(data?.['addLeadRemark']).toEqual({ id: String(stored[0]!.id), content: 'Llamar el lunes' });
        },
      };
    },
  },
  {
    name: 'assignLeadToFinancialEntity',
    sim: (t) => t.sims.leancore,
    path: '/assign-lead-to-financial-entity',
    prepare: (t) => {
      const lead = t.sims.leancore.leads.find((l) => LEANCORE_VALENTINA.includes(l.id))!;
      lead.business_entity = null; // every test starts from an unassigned lead
      return Promise.resolve({
        query: `mutation($leadId: ID!, $fe: ID!, $key: String) {
          assignLeadToFinancialEntity(leadId: $leadId, financialEntityId: $fe, idempotencyKey: $key) {
            id financialEntity { id }
          }
        }`,
        variables: { leadId: LEANCORE_VALENTINA, fe: CREDITO_AGIL },
        verify(data) {
          expect(data?.['assignLeadToFinancialEntity']).toEqual({
            id: LEANCORE_VALENTINA,
            financialEntity: { id: CREDITO_AGIL },
          });
          expect(lead.business_entity).toBe(CREDITO_AGIL);
        },
      });
    },
  },
];

/** The code and extensions of a result's only error. */
export function onlyError(result: { errors?: readonly GraphQLFormattedError[] }): Record<string, unknown> {
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.extensions ?? {};
}
