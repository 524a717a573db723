// The contract a vendor implements: what every lead-holding vendor datasource offers the
// resolvers, and what a vendor that takes writes offers. A vendor implements the lookups its API
// allows and says so in its `capabilities` (its module in src/datasources/<vendor>/vendor.ts).
import type { DistributionTotalsModel, LeadModel, LeadRemark, Vendor } from './models.js';

export interface LeadSource {
  readonly vendor: Vendor;
  /**
   * Checks the vendor part of a global id without calling the vendor (throws
   * BadUserInputError) and returns the batched load to run for it. Splitting the two lets
   * `leads(ids:)` reject a bad id before any vendor is called.
   * The load rejects with NOT_FOUND when the vendor no longer has the lead. `field` names the
   * argument in a BAD_USER_INPUT (`id`, `ids[3]`).
   */
  prepareLeadLookup(key: string, options?: LeadLookupOptions): () => Promise<LeadModel>;
  /**
   * The key this graph answers for the lead an alias names (an old-form id, a lookup by number),
   * for subscriptions, which match events by the canonical id; the key itself when it is
   * canonical. Absent when the vendor's ids have no aliases. Throws BadUserInputError for a key
   * that cannot be right; may call the vendor when only it knows the canonical key.
   */
  canonicalKey?(key: string, field?: string): string | Promise<string>;
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
   * The Lead field paths the client asked for (src/resolvers/selection.ts), for vendors that can fetch
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

/** Lead fields a client writes, checked and normalised (see src/leads/lead-input.ts). */
export interface LeadFields {
  /** Absent: unchanged; an empty string clears it. */
  fullName?: string;
  /** Lower-cased, checked for shape. */
  email?: string;
  /** E.164. */
  phone?: string;
  companyName?: string;
  address?: {
    formatted?: string;
    street?: string;
    city?: string;
    region?: string;
    country?: string;
  };
}

export interface NewLead extends LeadFields {
  ownerId?: string;
}

/**
 * What a vendor that takes lead writes offers. Each method checks its key and input before
 * calling the vendor (BadUserInputError) and never retries a write; a write that failed
 * rejects, it never resolves.
 */
export interface LeadEditor extends Pick<LeadSource, 'prepareLeadLookup'> {
  readonly vendor: Vendor;
  /** The longest remark the vendor takes, in characters (checked before any call). */
  readonly maxRemarkLength: number;
  createLead(lead: NewLead): Promise<LeadModel>;
  updateLead(key: string, changes: LeadFields): Promise<LeadModel>;
  deleteLead(key: string): Promise<void>;
  assignLead(key: string, ownerId: string): Promise<LeadModel>;
  addRemark(key: string, content: string): Promise<LeadRemark>;
  /** The lead's remarks, batched per request. */
  remarks(key: string): Promise<LeadRemark[]>;
  /**
   * Reconciliation: after a write whose answer never came, each reads the vendor afresh and
   * returns that write's result when the vendor shows it done, null when it does not.
   */
  findCreated(lead: NewLead): Promise<LeadModel | null>;
  findUpdated(key: string, changes: LeadFields): Promise<LeadModel | null>;
  isDeleted(key: string): Promise<boolean>;
  findAssigned(key: string, ownerId: string): Promise<LeadModel | null>;
  /** Ids of the lead's remarks with this text, read before adding one; findAddedRemark skips them. */
  remarkIdsWith(key: string, content: string): Promise<string[]>;
  findAddedRemark(key: string, content: string, before: readonly string[]): Promise<LeadRemark | null>;
}

/**
 * What a vendor whose leads can be assigned to a financial entity offers. The vendor may have no
 * way to list an entity's leads: then what was assigned through this server is what it knows.
 */
export interface FinancialEntityAssigner extends Pick<LeadSource, 'prepareLeadLookup'> {
  readonly vendor: Vendor;
  /** Assigns the lead its key names (checked first: BadUserInputError), never retried. */
  assignToFinancialEntity(key: string, financialEntityId: string): Promise<LeadModel>;
  /** Reconciliation: the lead, when the vendor shows it assigned to the entity; else null. */
  findAssignedToFinancialEntity(key: string, financialEntityId: string): Promise<LeadModel | null>;
  /** Leads assigned to the entity (through this server) that the vendor still shows assigned to it. */
  assignedLeads(financialEntityId: string): Promise<LeadModel[]>;
  /** The entity's ecosystem, when known, without a vendor call (the assignment log's). */
  ecosystemOf(financialEntityId: string): Promise<string | null>;
}

/** What a vendor that reports lead-distribution totals offers. */
export interface DistributionTotalsSource {
  readonly vendor: Vendor;
  /** One day's totals; `date` is the client's argument, checked here (BadUserInputError). */
  totals(date: unknown): Promise<DistributionTotalsModel>;
  /** How long `totals` may be reused (its cache hint), in whole seconds. */
  maxAgeSeconds(totals: DistributionTotalsModel): number;
}
