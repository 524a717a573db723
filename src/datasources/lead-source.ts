// What every lead-holding vendor datasource offers the resolvers. A vendor implements the
// lookups its API allows and says so in `capabilities`.
import type { VendorCapabilities } from '../__generated__/resolvers-types.js';
import type { LeadModel, Vendor } from '../models.js';

export interface LeadSource {
  readonly vendor: Vendor;
  /**
   * Checks the vendor part of a global id without calling the vendor (throws
   * BadUserInputError) and returns the batched load to run for it. Splitting the two lets
   * `leads(ids:)` reject a bad id before any vendor is called.
   * The load rejects with NOT_FOUND when the vendor no longer has the lead.
   */
  prepareLeadLookup(key: string, options?: LeadLookupOptions): () => Promise<LeadModel>;
  /** Leads with this E.164 phone; absent when the vendor cannot look up by phone. */
  findByPhone?(phone: string): Promise<LeadModel[]>;
  /** Leads with this (lower-cased) email; absent when the vendor cannot look up by email. */
  findByEmail?(email: string): Promise<LeadModel[]>;
  /** One page of the vendor's leads; absent when the vendor cannot list. */
  listLeads?(page: PageRequest): Promise<LeadPage>;
}

export interface LeadLookupOptions {
  /** The argument the id came in, for BAD_USER_INPUT's `extensions.field`. @default 'id' */
  field?: string;
  /**
   * The Lead field paths the client asked for (src/selection.ts), for vendors that can fetch
   * only some fields; absent means every field.
   */
  selection?: ReadonlySet<string>;
}

/** Offset paging: every vendor here pages by offset or page number underneath. */
export interface PageRequest {
  offset: number;
  limit: number;
}

export interface LeadPage {
  leads: LeadModel[];
  hasNextPage: boolean;
  totalCount: number | null;
}

export const NO_CAPABILITIES: VendorCapabilities = {
  lookupById: false,
  lookupByPhone: false,
  lookupByEmail: false,
  list: false,
  writes: false,
  distributionTotals: false,
};
