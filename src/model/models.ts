// The normalised models resolvers work with: the contract's types, owned here (each vendor's
// datasource maps its own JSON to them; codegen maps the GraphQL types to them). Nothing here
// imports generated code: test/unit/model/contract.test.ts holds these types against the SDL's.

import type { ErrorCode } from './error-codes.js';

/** The `Vendor` enum (schema/vendor.graphql), in precedence order; the registry has one entry per value. */
export type Vendor = 'LEANCORE' | 'BESCHANNELS' | 'CRMCOM' | 'ZEN';

/** The vendor's real API, or a simulator built into this server. */
export type VendorMode = 'LIVE' | 'SIMULATED';

export interface LeadAddress {
  formatted?: string | null;
  street?: string | null;
  city?: string | null;
  region?: string | null;
  country?: string | null;
}

export interface LeadOwner {
  id?: string | null;
  name?: string | null;
  email?: string | null;
}

export interface LeadCustomField {
  name: string;
  label?: string | null;
  type?: string | null;
  value?: string | null;
  rawValue?: unknown;
}

export interface LeadRemark {
  id: string;
  content: string;
  author?: LeadOwner | null;
  createdAt?: Date | null;
}

export interface LeadModel {
  /** Global id, `<vendor prefix>:<vendor key>`. */
  id: string;
  vendor: Vendor;
  remoteId: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  status: string | null;
  score: number | null;
  address: LeadAddress | null;
  owner: LeadOwner | null;
  financialEntity: FinancialEntityModel | null;
  customFields: LeadCustomField[];
  remoteData: unknown;
  /** CRM.COM leads only: what the unified fields cannot hold (schema/crmcom.graphql). */
  crmcom?: CrmComLeadDetails | null;
}

export interface FinancialEntityModel {
  id: string;
  ecosystem: string | null;
}

export type VendorOutcomeStatus =
  | 'OK'
  | 'NOT_FOUND'
  | 'ERROR'
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'OVERLOADED'
  | 'NOT_CONFIGURED'
  | 'UNSUPPORTED';

/** How one vendor's part of a search went. */
export interface VendorOutcome {
  vendor: Vendor;
  status: VendorOutcomeStatus;
  leadCount: number;
  code?: ErrorCode | null;
  message?: string | null;
  durationMs: number;
}

export interface LeadSearchModel {
  leads: LeadModel[];
  outcomes: VendorOutcome[];
}

export interface LeadConnectionModel {
  edges: { cursor: string; node: LeadModel }[];
  /** Relay's PageInfo (forward paging only). */
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | null;
}

export interface SourcedValueModel {
  value: string;
  vendor: Vendor;
  leadId: string;
}

/** One field of two leads compared, for the same-person score (src/leads/identity/score.ts). */
export type MatchField = 'PHONE' | 'EMAIL' | 'NAME' | 'COMPANY';
export type MatchLevel = 'SAME' | 'SAME_MAILBOX' | 'SHARED_MAILBOX' | 'SIMILAR' | 'PARTIAL' | 'DIFFERENT' | 'MISSING';

export interface MatchComparison {
  field: MatchField;
  level: MatchLevel;
  weight: number;
  /** Names only: 0–1, how closely their words agree. */
  similarity: number | null;
  /** The shared value where it explains the level: the phone, the mailbox. */
  detail: string | null;
}

/** Why two leads are one person: how they compared, and on what basis they were joined. */
export interface PersonLinkModel {
  leads: [LeadModel, LeadModel];
  comparisons: MatchComparison[];
  score: number;
  threshold: number;
  /** SCORE: at or above the threshold (rules 2 and 3); SOLE_PERSON_ON_PHONE: a blank lead (rule 4). */
  basis: 'SCORE' | 'SOLE_PERSON_ON_PHONE';
}

export type KeptApartReason = 'BELOW_THRESHOLD' | 'CONTRADICTED_BY_GROUP' | 'PHONE_HELD_BY_SEVERAL';

/** Two leads found together (a shared phone or mailbox) that are two people, and why. */
export interface PersonKeptApartModel {
  /** This person's lead first. */
  leads: [LeadModel, LeadModel];
  comparisons: MatchComparison[];
  score: number;
  threshold: number;
  reason: KeptApartReason;
  /** The global ids of the leads whose contradiction refused the link (CONTRADICTED_BY_GROUP only). */
  contradiction: [string, string] | null;
  summary: string;
}

export interface PersonModel {
  /** In lead order. */
  leads: LeadModel[];
  /** Distinct, in vendor precedence. */
  vendors: Vendor[];
  fullName: SourcedValueModel | null;
  email: SourcedValueModel | null;
  phone: SourcedValueModel | null;
  /** Every distinct email of its leads, the best-known first. */
  emails: string[];
  /** Every distinct phone of its leads, the best-known first. */
  phones: string[];
  /** Vendors that failed while the person was gathered (their leads may be missing). */
  missingVendors: VendorOutcome[];
  /** The links that joined its leads (one fewer than its leads), in the order they were made. */
  links: PersonLinkModel[];
  /** Candidate pairs with one lead of this person and one of another, with the reason. */
  keptApart: PersonKeptApartModel[];
}

/** What this graph can do with a vendor (`Query.vendors { capabilities }`). */
export interface VendorCapabilities {
  lookupById: boolean;
  lookupByPhone: boolean;
  lookupByEmail: boolean;
  list: boolean;
  writes: boolean;
  distributionTotals: boolean;
}

/** A vendor's documented rate limit: at most `requests` per `perSeconds`. */
export interface VendorRateLimit {
  requests: number;
  perSeconds: number;
  description: string;
}

export interface VendorInfoModel {
  vendor: Vendor;
  enabled: boolean;
  mode: VendorMode | null;
  capabilities: VendorCapabilities;
}

export interface DistributionCount {
  code?: string | null;
  name?: string | null;
  count: number;
}

export interface UserDistribution {
  name: string;
  totalLeads: number;
  origins: DistributionCount[];
  segments: DistributionCount[];
  automations: DistributionCount[];
  productsAndServices: DistributionCount[];
}

export interface DistributionErrors {
  duplicates: number;
  withError: number;
  ungrouped: number;
  contactLimitExceeded: number;
}

export interface DistributionTotalsModel {
  date: string;
  users: UserDistribution[];
  errors: DistributionErrors;
  fetchedAt: Date;
  stale: boolean;
  nextRefreshAt: Date | null;
}

/** Where this graph learnt of a lead's change (`LeadChangeSource`). */
export type LeadChangeSource = 'GRAPH_WRITE' | 'VENDOR_POLL';

/** What happened to the lead (`LeadChangeKind`). */
export type LeadChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** One change to one lead (`LeadChange`), as published to every replica (plain JSON but `changedAt`). */
export interface LeadChangeModel {
  leadId: string;
  vendor: Vendor;
  kind: LeadChangeKind;
  /** The lead after the change; null when it was deleted. */
  lead: LeadModel | null;
  /** `Lead` field names whose values differ from before. */
  changedFields: string[];
  source: LeadChangeSource;
  changedAt: Date;
}

// CRM.COM's own lead fields (schema/crmcom.graphql): part of the contract, as `Lead.crmcom`.

export interface CrmComReference {
  id?: string | null;
  code?: string | null;
  name?: string | null;
  description?: string | null;
}

export interface CrmComUser {
  id?: string | null;
  username?: string | null;
  personName?: string | null;
  email?: string | null;
}

export interface CrmComLeadSource {
  type?: string | null;
  recommendedBy?: CrmComUser | null;
}

export interface CrmComProductLine {
  id?: string | null;
  classification?: string | null;
  product?: CrmComReference | null;
  productType?: CrmComReference | null;
  productFamily?: CrmComReference | null;
  productBrand?: CrmComReference | null;
}

export interface CrmComLeadDetails {
  number?: string | null;
  lifeCycleState?: string | null;
  statusDetails?: CrmComReference | null;
  type?: CrmComReference | null;
  category?: CrmComReference | null;
  importance?: string | null;
  priority?: number | null;
  privacyLevel?: string | null;
  probabilityToWin?: number | null;
  targetAmount?: number | null;
  description?: string | null;
  startDate?: string | null;
  expectedCompletionDate?: string | null;
  actualCompletionDate?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
  lostReason?: string | null;
  contactType?: string | null;
  contactLifeCycleState?: string | null;
  assignedUnit?: CrmComReference | null;
  assignedUser?: CrmComUser | null;
  ownedByGroup?: CrmComReference | null;
  source?: CrmComLeadSource | null;
  competitors: CrmComReference[];
  productsSet: CrmComProductLine[];
  servicesSet: CrmComProductLine[];
  physicalGoodsSet: CrmComProductLine[];
}
