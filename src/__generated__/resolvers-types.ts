import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LeadModel, FinancialEntityModel, LeadSearchModel, LeadConnectionModel, VendorInfoModel, DistributionTotalsModel, LeadChangeModel, PersonModel, PersonLinkModel, PersonKeptApartModel, MatchComparison } from '../model/models.js';
import type { RequestContext } from '../request/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, `YYYY-MM-DD`. */
  Date: { input: Date; output: Date | string; }
  /** An instant, ISO 8601 with offset, e.g. `2026-11-23T10:15:00Z`. */
  DateTime: { input: Date; output: Date; }
  /** Any JSON value; used for vendor payloads kept as they came (`remoteData`). */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/**
 * A new lead. The same shape for every vendor that takes writes; each vendor says which
 * fields it requires (BesChannels: `phone`).
 */
export type CreateLeadInput = {
  address?: InputMaybe<LeadAddressInput>;
  companyName?: InputMaybe<Scalars['String']['input']>;
  /** Checked for shape; stored lower-cased. */
  email?: InputMaybe<Scalars['String']['input']>;
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** The name as one line; when absent, `firstName` and `lastName` joined. */
  fullName?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** The CRM user who will own the lead (`LeadOwner.id`). */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** National (read in `DEFAULT_PHONE_REGION`) or international (`+57…`, `+86…`). */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Where to create it. Only BESCHANNELS takes new leads in this graph. */
  vendor?: Vendor;
};

/** A CRM.COM lead's own fields (CRM.COM R5 `leads/show`). */
export type CrmComLeadDetails = {
  __typename?: 'CrmComLeadDetails';
  actualCompletionDate?: Maybe<Scalars['String']['output']>;
  assignedUnit?: Maybe<CrmComReference>;
  assignedUser?: Maybe<CrmComUser>;
  category?: Maybe<CrmComReference>;
  competitors: Array<CrmComReference>;
  contactLifeCycleState?: Maybe<Scalars['String']['output']>;
  /** The contact's kind (`PERSON`, `COMPANY`) and life-cycle state (`FINANCIAL`…). */
  contactType?: Maybe<Scalars['String']['output']>;
  createdAt?: Maybe<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  /** Local date-time as CRM.COM sends it (no offset), e.g. `2015-05-13T09:52:09`. */
  expectedCompletionDate?: Maybe<Scalars['String']['output']>;
  /** `IMPORTANCE1`… as CRM.COM words it. */
  importance?: Maybe<Scalars['String']['output']>;
  /** `NEW`, `IN_PROGRESS`, `WON`, `LOST`… as CRM.COM words it. */
  lifeCycleState?: Maybe<Scalars['String']['output']>;
  lostReason?: Maybe<Scalars['String']['output']>;
  /** The lead's number, unique in CRM.COM; `lead(id: "crmcom:number=<n>")` finds a lead by it. */
  number?: Maybe<Scalars['String']['output']>;
  ownedByGroup?: Maybe<CrmComReference>;
  physicalGoodsSet: Array<CrmComProductLine>;
  priority?: Maybe<Scalars['Int']['output']>;
  privacyLevel?: Maybe<Scalars['String']['output']>;
  probabilityToWin?: Maybe<Scalars['Float']['output']>;
  productsSet: Array<CrmComProductLine>;
  servicesSet: Array<CrmComProductLine>;
  source?: Maybe<CrmComLeadSource>;
  startDate?: Maybe<Scalars['String']['output']>;
  /** The status object (the unified `Lead.status` is its name). */
  statusDetails?: Maybe<CrmComReference>;
  targetAmount?: Maybe<Scalars['Float']['output']>;
  type?: Maybe<CrmComReference>;
  updatedAt?: Maybe<Scalars['String']['output']>;
};

export type CrmComLeadSource = {
  __typename?: 'CrmComLeadSource';
  recommendedBy?: Maybe<CrmComUser>;
  /** `RECOMMENDEDBYEMPLOYEE`, `RECOMMENDEDBYCONTACT`… as CRM.COM words it. */
  type?: Maybe<Scalars['String']['output']>;
};

/** One line of a lead's products, services or physical goods set: a product, or a product type, family or brand. */
export type CrmComProductLine = {
  __typename?: 'CrmComProductLine';
  /** `SERVICES`, `PHYSICALGOODS`… of the product type, when given. */
  classification?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  product?: Maybe<CrmComReference>;
  productBrand?: Maybe<CrmComReference>;
  productFamily?: Maybe<CrmComReference>;
  productType?: Maybe<CrmComReference>;
};

/** A CRM.COM record another record points at (status, category, unit, competitor…). */
export type CrmComReference = {
  __typename?: 'CrmComReference';
  /** `alternative_code` or `code`, whichever CRM.COM sends. */
  code?: Maybe<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  name?: Maybe<Scalars['String']['output']>;
};

export type CrmComUser = {
  __typename?: 'CrmComUser';
  email?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  personName?: Maybe<Scalars['String']['output']>;
  username?: Maybe<Scalars['String']['output']>;
};

export type DistributionCount = {
  __typename?: 'DistributionCount';
  code?: Maybe<Scalars['String']['output']>;
  count: Scalars['Int']['output'];
  name?: Maybe<Scalars['String']['output']>;
};

/** Leads of the day that were not distributed normally. */
export type DistributionErrors = {
  __typename?: 'DistributionErrors';
  contactLimitExceeded: Scalars['Int']['output'];
  duplicates: Scalars['Int']['output'];
  ungrouped: Scalars['Int']['output'];
  withError: Scalars['Int']['output'];
};

/** Zen CRM's lead-distribution totals for one day, per CRM user. */
export type DistributionTotals = {
  __typename?: 'DistributionTotals';
  date: Scalars['Date']['output'];
  errors: DistributionErrors;
  /** When this graph received this answer from Zen. */
  fetchedAt: Scalars['DateTime']['output'];
  /**
   * The earliest time this graph will ask Zen again for this date: when this answer stops being
   * fresh or the budget window ends, whichever is later.
   */
  nextRefreshAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * True when this answer is older than the cache policy wants but Zen could not be asked again
   * yet (its budget of one call per 5 minutes is spent, or it refused us): the last answer it gave.
   */
  stale: Scalars['Boolean']['output'];
  users: Array<UserDistribution>;
};

/**
 * A financial entity (fintech) leads can be assigned to. Its id is LeanCore's id for it;
 * other subgraphs may own more of it (its name, its catalogue).
 */
export type FinancialEntity = {
  __typename?: 'FinancialEntity';
  /** The leads assigned to it through this graph (by any replica) that the vendor still shows assigned to it. */
  assignedLeads?: Maybe<Array<Lead>>;
  /** The ecosystem it belongs to, when known from a lead of it. */
  ecosystem?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
};

/**
 * A lead (prospect) as one CRM vendor holds it, in a shape common to every vendor.
 * The same person may be a lead in several CRMs: each is its own `Lead`.
 */
export type Lead = {
  __typename?: 'Lead';
  address?: Maybe<LeadAddress>;
  companyName?: Maybe<Scalars['String']['output']>;
  /**
   * What CRM.COM holds about the lead beyond the unified fields; null for other vendors' leads.
   * Only the CRM.COM fields the selection needs are fetched (`fields_set`).
   */
  crmcom?: Maybe<CrmComLeadDetails>;
  /** Vendor-specific fields that have no place above. */
  customFields: Array<LeadCustomField>;
  /** Lower-cased. */
  email?: Maybe<Scalars['String']['output']>;
  /** The financial entity (fintech) the lead is assigned to, when the vendor tells. */
  financialEntity?: Maybe<FinancialEntity>;
  firstName?: Maybe<Scalars['String']['output']>;
  fullName?: Maybe<Scalars['String']['output']>;
  /**
   * Global id: the vendor's prefix, a colon, then a vendor-specific key (`leancore:…`).
   * Treat it as opaque; it always resolves again through `lead(id:)` and `_entities`.
   */
  id: Scalars['ID']['output'];
  lastName?: Maybe<Scalars['String']['output']>;
  owner?: Maybe<LeadOwner>;
  /** The person this lead belongs to, with the other vendors' leads of them (at least this lead). */
  person?: Maybe<Person>;
  /** E.164 (`+573136434030`); null when the vendor's value is not a valid phone number. */
  phone?: Maybe<Scalars['String']['output']>;
  /**
   * The notes on this lead, oldest first. Null, with an `UNSUPPORTED` error, for a vendor
   * whose leads have no remarks in this graph (only BesChannels has them).
   */
  remarks?: Maybe<Array<LeadRemark>>;
  /** The vendor's payload for this lead, untouched. */
  remoteData?: Maybe<Scalars['JSON']['output']>;
  /** The vendor's own id for the lead. */
  remoteId: Scalars['String']['output'];
  score?: Maybe<Scalars['Float']['output']>;
  /** The vendor's status label, as the vendor words it. */
  status?: Maybe<Scalars['String']['output']>;
  vendor: Vendor;
};

export type LeadAddress = {
  __typename?: 'LeadAddress';
  city?: Maybe<Scalars['String']['output']>;
  country?: Maybe<Scalars['String']['output']>;
  /** The address on one line, as the vendor shows it. */
  formatted?: Maybe<Scalars['String']['output']>;
  region?: Maybe<Scalars['String']['output']>;
  street?: Maybe<Scalars['String']['output']>;
};

/**
 * A lead's address as a client writes it. Vendors keep what they can: BesChannels keeps
 * `street` and one display line (`formatted`, or `city, region, country` when `formatted` is
 * absent); its own region codes are left empty.
 */
export type LeadAddressInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  formatted?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  street?: InputMaybe<Scalars['String']['input']>;
};

/**
 * One change to one lead: the lead as it is now, which of its fields differ from before, where
 * this graph learnt of it and when.
 */
export type LeadChange = {
  __typename?: 'LeadChange';
  /** When this graph saw the change. */
  changedAt: Scalars['DateTime']['output'];
  /**
   * The `Lead` fields whose values differ from before, by their names in `Lead` (`email`,
   * `owner`…); empty for a lead first seen (`CREATED`) or deleted.
   */
  changedFields: Array<Scalars['String']['output']>;
  kind: LeadChangeKind;
  /** The lead as it is after the change; null when it was deleted. */
  lead?: Maybe<Lead>;
  /** The lead's global id (also when it was deleted). */
  leadId: Scalars['ID']['output'];
  source: LeadChangeSource;
  vendor: Vendor;
};

/** What happened to the lead. */
export type LeadChangeKind =
  | 'CREATED'
  | 'DELETED'
  | 'UPDATED';

/** Where this graph learnt of a lead's change. */
export type LeadChangeSource =
  /** A write made through this graph, on any replica (its write journal). */
  | 'GRAPH_WRITE'
  /** A change seen when this graph read the vendor's list of leads (the budgeted lead poller). */
  | 'VENDOR_POLL';

export type LeadConnection = {
  __typename?: 'LeadConnection';
  edges: Array<LeadEdge>;
  pageInfo: LeadPageInfo;
  /** All the vendor's leads, when the vendor tells. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** A vendor field that the unified `Lead` has no place for. */
export type LeadCustomField = {
  __typename?: 'LeadCustomField';
  /** The label the vendor shows for it, when it has one. */
  label?: Maybe<Scalars['String']['output']>;
  /** The vendor's field name. */
  name: Scalars['String']['output'];
  /** The value as the vendor sent it. */
  rawValue?: Maybe<Scalars['JSON']['output']>;
  /** The vendor's field type, when it has one. */
  type?: Maybe<Scalars['String']['output']>;
  /** The value as text, as the vendor would display it. */
  value?: Maybe<Scalars['String']['output']>;
};

export type LeadEdge = {
  __typename?: 'LeadEdge';
  cursor: Scalars['String']['output'];
  node: Lead;
};

/**
 * Every `extensions.code` this graph answers, and the codes of `VendorOutcome.code` and
 * `VendorLastError.code`. When each happens, whether to retry and which extensions it carries:
 * docs/errors.md. Named for this graph (enum values merge across subgraphs; `ErrorCode` is a name
 * other graphs own). New codes are added in minor versions: clients should treat an unknown value
 * as INTERNAL_SERVER_ERROR.
 */
export type LeadGraphErrorCode =
  /** The HTTP request itself is wrong (not JSON, bad encoding, a GET without a query, CSRF header missing). */
  | 'BAD_REQUEST'
  /** An argument cannot be right (bad id, page size, cursor, reused idempotency key); `field`, `reason`. */
  | 'BAD_USER_INPUT'
  /** The credentials lack the scope the field needs (`leads:read`, `leads:write`). */
  | 'FORBIDDEN'
  /** The operation is not valid GraphQL syntax. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The operation does not fit the schema, or is over a query limit (depth, aliases, tokens, cost). */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** A keyed write was not sent: its journal cannot be reached; `retryAfterSeconds`. */
  | 'IDEMPOTENCY_UNAVAILABLE'
  /** A fault of this graph; the message says nothing more (the log has it, by request id). */
  | 'INTERNAL_SERVER_ERROR'
  /** The vendor has no such record; `vendor`. */
  | 'NOT_FOUND'
  /** The request names an operation the document does not hold. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** The operation ran out of time (REQUEST_TIMEOUT_MS). */
  | 'OPERATION_TIMEOUT'
  /** Too many calls to the vendor waiting already: not called; `vendor`. Or a subscription over a limit; `limit`. */
  | 'OVERLOADED'
  /** The request body is over MAX_BODY_BYTES (HTTP 413). */
  | 'PAYLOAD_TOO_LARGE'
  /** A persisted query's `sha256Hash` is not the hash of the query sent. */
  | 'PERSISTED_QUERY_HASH_MISMATCH'
  /** An automatic persisted query this server does not hold yet: send the query with its hash. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** The vendor is rate limiting this graph; `vendor`, `retryAfterSeconds`. */
  | 'RATE_LIMITED'
  /** Tokens cannot be verified right now (the JWKS is unreachable; HTTP 503): retry shortly. */
  | 'SERVICE_UNAVAILABLE'
  /** The shared store did not answer in time; `retryAfterSeconds`. */
  | 'STORE_UNAVAILABLE'
  /** This client has too many keyed writes in flight; `limit`, `retryAfterSeconds`. */
  | 'TOO_MANY_KEYS_IN_FLIGHT'
  /** The operation spent its vendor calls (MAX_VENDOR_CALLS_PER_OPERATION); `vendor`. */
  | 'TOO_MANY_VENDOR_CALLS'
  /** No valid API key or token (HTTP 401); `reason` for a refused token's lifetime or the router secret. */
  | 'UNAUTHENTICATED'
  /** The vendor cannot do this in this graph; `vendor`. */
  | 'UNSUPPORTED'
  /** The vendor failed; `vendor`, `upstreamStatus`. */
  | 'UPSTREAM_ERROR'
  /** A write was sent and its answer never came: it may or may not have happened; `vendor`. */
  | 'UPSTREAM_OUTCOME_UNKNOWN'
  /** The vendor refused what was sent; `vendor`, `reason` (`ALREADY_EXISTS`). */
  | 'UPSTREAM_REJECTED'
  /** The vendor did not answer in time; `vendor`. */
  | 'UPSTREAM_TIMEOUT'
  /** The vendor refused this graph's credentials for it (an operator's matter); `vendor`. */
  | 'UPSTREAM_UNAUTHORIZED'
  /** The vendor's circuit is open after repeated failures: not called; `vendor`, `retryAfterSeconds`. */
  | 'UPSTREAM_UNAVAILABLE'
  /** The vendor is not configured on this server; `vendor`. */
  | 'VENDOR_NOT_CONFIGURED';

/** The CRM user who owns (is responsible for) a lead. */
export type LeadOwner = {
  __typename?: 'LeadOwner';
  email?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  name?: Maybe<Scalars['String']['output']>;
};

/**
 * Relay's PageInfo. Paging is forward only (`first`/`after`); `hasPreviousPage` and `startCursor`
 * are there for clients that expect the whole spec.
 */
export type LeadPageInfo = {
  __typename?: 'LeadPageInfo';
  /** The cursor of this page's last edge (pass it as `after` for the next page); null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  /** True when this page was asked `after` a cursor, i.e. leads come before it. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of this page's first edge; null when the page is empty. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A note a CRM user (or this graph) left on a lead. BesChannels calls them remarks. */
export type LeadRemark = {
  __typename?: 'LeadRemark';
  /** Who wrote it, when the vendor tells. */
  author?: Maybe<LeadOwner>;
  content: Scalars['String']['output'];
  /** When the vendor recorded it. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The vendor's id for the remark. */
  id: Scalars['ID']['output'];
};

/** The answer to `searchLeads`: what was found, and how each vendor asked fared. */
export type LeadSearch = {
  __typename?: 'LeadSearch';
  leads: Array<Lead>;
  /** One per vendor asked, in the order of the `Vendor` enum. */
  outcomes: Array<VendorOutcome>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds a remark (note) to a lead; returns the remark. `idempotencyKey`: see `createLead`. */
  addLeadRemark: LeadRemark;
  /**
   * Makes a CRM user (`LeadOwner.id`) the owner of a lead; returns the lead as it is now.
   * `idempotencyKey`: see `createLead`.
   */
  assignLead: Lead;
  /**
   * Assigns a LeanCore lead to a financial entity (fintech) of the same ecosystem and
   * returns the lead as LeanCore now has it. `leadId` is the lead's global id.
   * `idempotencyKey`: see `createLead`.
   */
  assignLeadToFinancialEntity: Lead;
  /**
   * Creates a lead at `input.vendor` and returns it as the vendor now has it. Input is
   * checked before the vendor is called (`BAD_USER_INPUT` with `extensions.field`).
   * Never retried automatically. `idempotencyKey` (optional, 1 to 255 printable ASCII
   * characters, e.g. a UUID) makes retrying safe, on this and every other write: a repeat with
   * the same key and input gets the first outcome without a second vendor call; the same key
   * with another input is `BAD_USER_INPUT` (`extensions.reason` `IDEMPOTENCY_KEY_REUSED`). A
   * write whose answer never came is `UPSTREAM_OUTCOME_UNKNOWN` (with `extensions.idempotencyKey`
   * when one was given): retry with the same key, and the vendor is read back before anything
   * is sent again. Keys belong to the client that sent them and are kept 24 hours (by default).
   */
  createLead: Lead;
  /**
   * Deletes a lead; returns its global id. A lead the vendor does not have is `NOT_FOUND`.
   * `idempotencyKey`: see `createLead`.
   */
  deleteLead: Scalars['ID']['output'];
  /** Changes a lead (by global id) and returns it as the vendor now has it. `idempotencyKey`: see `createLead`. */
  updateLead: Lead;
};


export type MutationAddLeadRemarkArgs = {
  content: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  leadId: Scalars['ID']['input'];
};


export type MutationAssignLeadArgs = {
  id: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  ownerId: Scalars['ID']['input'];
};


export type MutationAssignLeadToFinancialEntityArgs = {
  financialEntityId: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  leadId: Scalars['ID']['input'];
};


export type MutationCreateLeadArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: CreateLeadInput;
};


export type MutationDeleteLeadArgs = {
  id: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateLeadArgs = {
  id: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: UpdateLeadInput;
};

/**
 * One person as the CRMs know them: the leads of every vendor that the same-person rule ties
 * together. Leads that share a phone or a mailbox are compared field by field (phone, email, name,
 * company), each comparison with a level and a weight; at or above the threshold
 * (`PERSON_MATCH_THRESHOLD`, default 7) they are one person, unless a lead of one side contradicts
 * a lead of the other (names that differ). A phone or a personal email joins when nothing
 * disagrees; a role or household mailbox (`ventas@`, `familia.perez@`) only with a matching name; a
 * name alone never. A lead with neither name nor email joins by phone only when one person holds
 * that phone. `links` says why its leads are one person, `keptApart` why others found with them are
 * not. The full rule: `src/leads/people.ts` and docs/identity.md. Not an entity: a person is worked
 * out on each request from the vendors' leads.
 */
export type Person = {
  __typename?: 'Person';
  /** The best-known email (lower-cased), chosen like `fullName` (without the completeness rule). */
  email?: Maybe<SourcedValue>;
  /** Every distinct email its leads carry, the best-known first. */
  emails: Array<Scalars['String']['output']>;
  /**
   * The best-known full name: the one most of its leads agree on (ignoring case, accents and
   * word order); ties go to the more complete name, then to the vendor first in the `Vendor` enum.
   */
  fullName?: Maybe<SourcedValue>;
  /**
   * Leads found with this person (a shared phone or mailbox) that the rule kept apart, each pair
   * with its comparisons and the reason: a shared switchboard or role mailbox with names that
   * differ, a household address, a blank lead on a phone several people hold.
   */
  keptApart: Array<PersonKeptApart>;
  /** Its leads, by vendor (in the order of the `Vendor` enum), then by id. */
  leads: Array<Lead>;
  /**
   * Why its leads are one person: one link per pair of leads joined (one fewer than its leads),
   * in the order they were made (strongest first, leads with neither name nor email last), each
   * with its comparisons, score and threshold. Empty for a single lead.
   */
  links: Array<PersonLink>;
  /**
   * Vendors that were asked but failed (error, timeout, rate limit, refused credentials) while
   * this person was gathered: leads they hold may be missing. Empty when every vendor answered.
   */
  missingVendors: Array<VendorOutcome>;
  /** The best-known phone (E.164), chosen like `email`. */
  phone?: Maybe<SourcedValue>;
  /** Every distinct phone (E.164) its leads carry, the best-known first. */
  phones: Array<Scalars['String']['output']>;
  /** The vendors that hold a lead of this person, in the order of the `Vendor` enum. */
  vendors: Array<Vendor>;
};

/** Two leads found together (a shared phone or mailbox) that are two people, and why. */
export type PersonKeptApart = {
  __typename?: 'PersonKeptApart';
  /** One comparison per field: phone, email, name, company (in that order). */
  comparisons: Array<PersonMatchComparison>;
  /**
   * The two leads (global ids) whose contradiction refused the link, when `reason` is
   * CONTRADICTED_BY_GROUP: they are not always the pair compared.
   */
  contradiction?: Maybe<Array<Scalars['ID']['output']>>;
  /** This person's lead first, then the other person's. */
  leads: Array<Lead>;
  reason: PersonKeptApartReason;
  score: Scalars['Float']['output'];
  /** The comparisons in words, for a person to read: `shared mailbox ventas@acme.co +2, names differ −12: −10 is below 7`. */
  summary: Scalars['String']['output'];
  threshold: Scalars['Float']['output'];
};

/** Why two leads found together are two people. */
export type PersonKeptApartReason =
  /** Their score is below the threshold (for example a name that differs outweighs a shared phone). */
  | 'BELOW_THRESHOLD'
  /** Their score reached the threshold, but a lead of one person contradicts a lead of the other. */
  | 'CONTRADICTED_BY_GROUP'
  /** A lead with neither name nor email on a phone several people hold: it could be any of them. */
  | 'PHONE_HELD_BY_SEVERAL';

/** Two leads joined into one person, and why. */
export type PersonLink = {
  __typename?: 'PersonLink';
  basis: PersonLinkBasis;
  /** One comparison per field: phone, email, name, company (in that order). */
  comparisons: Array<PersonMatchComparison>;
  /** The two leads, in lead order. */
  leads: Array<Lead>;
  /** The sum of the comparisons' weights. */
  score: Scalars['Float']['output'];
  /** The threshold in force: a link by score has `score >= threshold`. */
  threshold: Scalars['Float']['output'];
};

/** On what a link was made. */
export type PersonLinkBasis =
  /** Its score reached the threshold, and no lead of either side contradicts one of the other. */
  | 'SCORE'
  /** A lead with neither name nor email, on a phone that this person alone holds. */
  | 'SOLE_PERSON_ON_PHONE';

/** How one field of two leads compares, and what that weighs. */
export type PersonMatchComparison = {
  __typename?: 'PersonMatchComparison';
  /** The value the two share, where it explains the level: the phone (E.164) or the mailbox. */
  detail?: Maybe<Scalars['String']['output']>;
  field: PersonMatchField;
  level: PersonMatchLevel;
  /** Names only: 0–1, how closely the words agree (each word paired as equal, short form, typo or initial). */
  similarity?: Maybe<Scalars['Float']['output']>;
  /**
   * What the level weighs towards one person (positive) or two (negative), in bits: log2 of how
   * much likelier the level is for one person than for two. MISSING weighs 0.
   */
  weight: Scalars['Float']['output'];
};

export type PersonMatchField =
  /** Legal forms (S.A.S., Ltda.) folded: SAME +1, DIFFERENT −0.5. */
  | 'COMPANY'
  /** SAME address +9, SAME_MAILBOX (Gmail dots, plus tags) +8.5, SHARED_MAILBOX (a role or household) +2, DIFFERENT −1. */
  | 'EMAIL'
  /** Accents, case, word order, particles and titles folded: SAME +5, SIMILAR +4, PARTIAL +2, DIFFERENT −12. */
  | 'NAME'
  /** Same E.164 number: SAME +7, DIFFERENT −1. */
  | 'PHONE';

export type PersonMatchLevel =
  /** Different values; for names, words on each side that pair with nothing on the other (Ana / Luis, Juan / Juana): a veto. */
  | 'DIFFERENT'
  /** One side has no value: no evidence either way (weight 0). */
  | 'MISSING'
  /** Names: consistent but thin (one word in common, only surnames, or a middle name on one side and a second surname on the other). */
  | 'PARTIAL'
  /** The same value. */
  | 'SAME'
  /** Emails: two addresses of one mailbox once the provider's rules apply (Gmail's dots, plus tags). */
  | 'SAME_MAILBOX'
  /** Emails: the same mailbox, but a role's (ventas@, info@) or a household's (familia.perez@): evidence only with a matching name. */
  | 'SHARED_MAILBOX'
  /** Names: every word of the shorter pairs with one of the longer (a second surname, middle name, short form, typo or initial apart), a given name among them. */
  | 'SIMILAR';

export type Query = {
  __typename?: 'Query';
  /**
   * Zen CRM's lead-distribution totals for one day (no later than today in the server's Zen time
   * zone). Zen answers one call per 5 minutes: inside that window the last answer is served with
   * `stale: true`, or, with none cached, the query fails with `RATE_LIMITED` (or, when the call that
   * spent the window failed, with that failure's code) and `extensions.retryAfterSeconds`. Null when it fails, so the other fields of the same operation
   * still answer.
   */
  distributionTotals?: Maybe<DistributionTotals>;
  /** A lead by its global id. Null, with a `NOT_FOUND` error, when the vendor no longer has it. */
  lead?: Maybe<Lead>;
  /**
   * Leads by global id, any mix of vendors, in the order asked (at most 100 ids).
   * Each vendor is called in one batched round; a lead that cannot be fetched is null
   * with an error whose path points at it. Any malformed id fails the whole field
   * with `BAD_USER_INPUT` before a vendor is called.
   */
  leads: Array<Maybe<Lead>>;
  /**
   * One vendor's leads, page by page. Cursors are opaque; pass `pageInfo.endCursor` as `after`
   * for the next page. `first` is 1 to 100. Null (with the vendor's error) when the vendor fails,
   * so the other fields of the same operation still answer.
   */
  leadsConnection?: Maybe<LeadConnection>;
  /**
   * The people whose leads, in any vendor, carry this phone or email, each with all their leads.
   * Every enabled lead vendor is searched (as `searchLeads` does), then once more by the other
   * phones and emails the leads found carry. A phone shared by several people (a switchboard)
   * gives several people. Fails with the vendor's error only when nothing was found and a
   * vendor could not be searched (the field is then null, the rest of the operation answers);
   * otherwise see `Person.missingVendors`.
   */
  people?: Maybe<Array<Person>>;
  /**
   * Leads whose phone or email matches, from every vendor that can look up by it.
   * `phone` may be national (read in `DEFAULT_PHONE_REGION`) or international.
   * `vendors` defaults to every enabled vendor that holds leads; one `outcome` per vendor asked.
   */
  searchLeads: LeadSearch;
  /** Every vendor this graph knows, with what it can do right now. */
  vendors: Array<VendorInfo>;
};


export type QueryDistributionTotalsArgs = {
  date: Scalars['Date']['input'];
};


export type QueryLeadArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLeadsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryLeadsConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  vendor: Vendor;
};


export type QueryPeopleArgs = {
  email?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySearchLeadsArgs = {
  email?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  vendors?: InputMaybe<Array<Vendor>>;
};

/** A value known about a person, and which vendor's lead it came from. */
export type SourcedValue = {
  __typename?: 'SourcedValue';
  /** The global id of the lead it was read from. */
  leadId: Scalars['ID']['output'];
  value: Scalars['String']['output'];
  vendor: Vendor;
};

/**
 * Live updates over graphql-ws (WebSocket, same port and path as queries: `/graphql`). Send the
 * API key (`x-api-key`) or the token (`authorization: Bearer …`) in the connection parameters.
 * Each subscription needs the `leads:read` scope.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Zen's distribution totals for one day: first the current answer (with `stale` and
   * `nextRefreshAt`), then a new one each time the shared answer for that date is refreshed and
   * differs. Refreshing stays inside Zen's budget: one call per 5 minutes serves every subscriber
   * on every replica.
   */
  distributionTotalsChanged: DistributionTotals;
  /**
   * Changes to one lead (by global id): writes made through this graph, and changes the lead
   * poller sees for vendors that can list their leads.
   */
  leadChanged: LeadChange;
  /**
   * Changes to any lead of one vendor: writes made through this graph, and, for vendors that can
   * list their leads, what the poller sees (one read per interval, however many subscribers).
   */
  leadsChanged: LeadChange;
};


/**
 * Live updates over graphql-ws (WebSocket, same port and path as queries: `/graphql`). Send the
 * API key (`x-api-key`) or the token (`authorization: Bearer …`) in the connection parameters.
 * Each subscription needs the `leads:read` scope.
 */
export type SubscriptionDistributionTotalsChangedArgs = {
  date: Scalars['Date']['input'];
};


/**
 * Live updates over graphql-ws (WebSocket, same port and path as queries: `/graphql`). Send the
 * API key (`x-api-key`) or the token (`authorization: Bearer …`) in the connection parameters.
 * Each subscription needs the `leads:read` scope.
 */
export type SubscriptionLeadChangedArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Live updates over graphql-ws (WebSocket, same port and path as queries: `/graphql`). Send the
 * API key (`x-api-key`) or the token (`authorization: Bearer …`) in the connection parameters.
 * Each subscription needs the `leads:read` scope.
 */
export type SubscriptionLeadsChangedArgs = {
  vendor: Vendor;
};

/**
 * Changes to a lead: only the fields given change. An empty string clears a text field
 * (`fullName`, `companyName`); `phone` and `email` cannot be cleared.
 */
export type UpdateLeadInput = {
  address?: InputMaybe<LeadAddressInput>;
  companyName?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  firstName?: InputMaybe<Scalars['String']['input']>;
  fullName?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
};

export type UserDistribution = {
  __typename?: 'UserDistribution';
  automations: Array<DistributionCount>;
  name: Scalars['String']['output'];
  origins: Array<DistributionCount>;
  productsAndServices: Array<DistributionCount>;
  segments: Array<DistributionCount>;
  totalLeads: Scalars['Int']['output'];
};

/**
 * The CRM vendors behind this graph. This enum is ours: other subgraphs should not
 * define a `Vendor` enum of their own (enum values merge across subgraphs).
 */
export type Vendor =
  | 'BESCHANNELS'
  | 'CRMCOM'
  | 'LEANCORE'
  | 'ZEN';

/** What this graph can ask a vendor for. */
export type VendorCapabilities = {
  __typename?: 'VendorCapabilities';
  /** The vendor reports lead-distribution totals. */
  distributionTotals: Scalars['Boolean']['output'];
  /** The vendor's leads can be listed page by page. */
  list: Scalars['Boolean']['output'];
  /** `searchLeads(email:)` asks this vendor. */
  lookupByEmail: Scalars['Boolean']['output'];
  /** `lead(id:)`, `leads(ids:)` and `_entities` resolve this vendor's ids. */
  lookupById: Scalars['Boolean']['output'];
  /** `searchLeads(phone:)` asks this vendor. */
  lookupByPhone: Scalars['Boolean']['output'];
  /** Leads can be created, changed or assigned through this graph. */
  writes: Scalars['Boolean']['output'];
};

/** A circuit breaker over one family of a vendor's endpoints. */
export type VendorCircuit = {
  __typename?: 'VendorCircuit';
  /** `reads`, `writes` or `token` (access-token issues). */
  family: Scalars['String']['output'];
  /** While `OPEN`: seconds until one probe call may test the vendor again. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
  state: VendorCircuitState;
};

export type VendorCircuitState =
  /** Calls go through. */
  | 'CLOSED'
  /** One probe call is testing the vendor; the others fail at once. */
  | 'HALF_OPEN'
  /** The vendor kept failing: calls fail at once with `UPSTREAM_UNAVAILABLE`. */
  | 'OPEN';

export type VendorInfo = {
  __typename?: 'VendorInfo';
  capabilities: VendorCapabilities;
  /**
   * This server's circuit breakers for the vendor, one per endpoint family called so far
   * (`reads`, `writes`, `token`): while one is open its calls fail at once with
   * `UPSTREAM_UNAVAILABLE` instead of reaching the vendor.
   */
  circuits: Array<VendorCircuit>;
  /** Whether the vendor is configured; a vendor that is not is reported as `NOT_CONFIGURED` in searches. */
  enabled: Scalars['Boolean']['output'];
  /**
   * Until when every replica holds its calls to the vendor because it answered 429 or 503 with
   * `Retry-After` (calls meanwhile fail at once with `RATE_LIMITED`); null when it does not.
   */
  heldUntil?: Maybe<Scalars['DateTime']['output']>;
  /** The vendor's most recent failed call from this server process (not `NOT_FOUND`); null when none yet. */
  lastError?: Maybe<VendorLastError>;
  /** Null when the vendor is not enabled. */
  mode?: Maybe<VendorMode>;
  /** The vendor's documented request rate limit; null when it documents none. */
  rateLimit?: Maybe<VendorRateLimit>;
  vendor: Vendor;
};

/** A vendor call that failed. */
export type VendorLastError = {
  __typename?: 'VendorLastError';
  at: Scalars['DateTime']['output'];
  /** As in `extensions.code` (`UPSTREAM_TIMEOUT`, `RATE_LIMITED`, `UPSTREAM_UNAUTHORIZED`…). */
  code: LeadGraphErrorCode;
  message: Scalars['String']['output'];
};

/** Where a vendor's answers come from. */
export type VendorMode =
  /** The vendor's real API, configured through environment variables. */
  | 'LIVE'
  /** A vendor simulator built into this server (the embedded default, no credentials). */
  | 'SIMULATED';

export type VendorOutcome = {
  __typename?: 'VendorOutcome';
  /** The error code (as in `extensions.code`) when `status` is an error status. */
  code?: Maybe<LeadGraphErrorCode>;
  /** Time spent on this vendor; 0 when it was not called. */
  durationMs: Scalars['Int']['output'];
  /** How many leads this vendor contributed. */
  leadCount: Scalars['Int']['output'];
  message?: Maybe<Scalars['String']['output']>;
  status: VendorOutcomeStatus;
  vendor: Vendor;
};

export type VendorOutcomeStatus =
  | 'ERROR'
  /** The vendor is not configured on this server. */
  | 'NOT_CONFIGURED'
  | 'NOT_FOUND'
  | 'OK'
  /** This server did not call the vendor: its queue was full or the operation spent its vendor calls. */
  | 'OVERLOADED'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  /** The vendor is failing: its circuit is open and it was not called (`UPSTREAM_UNAVAILABLE`). */
  | 'UNAVAILABLE'
  /** The vendor cannot look leads up by the key(s) given. */
  | 'UNSUPPORTED';

/** How often a vendor may be asked, as the vendor documents it. */
export type VendorRateLimit = {
  __typename?: 'VendorRateLimit';
  /** What the limit applies to, in words. */
  description: Scalars['String']['output'];
  /** …per this many seconds. */
  perSeconds: Scalars['Int']['output'];
  /** At most this many requests… */
  requests: Scalars['Int']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  FinancialEntity: FinancialEntity;
  Lead: Lead;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  FinancialEntity:
    ( { __typename: 'FinancialEntity' }
    & GraphQLRecursivePick<FederationTypes['FinancialEntity'], {"id":true}> );
  Lead:
    ( { __typename: 'Lead' }
    & GraphQLRecursivePick<FederationTypes['Lead'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CacheControlScope: CacheControlScope;
  CreateLeadInput: CreateLeadInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CrmComLeadDetails: ResolverTypeWrapper<CrmComLeadDetails>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  CrmComLeadSource: ResolverTypeWrapper<CrmComLeadSource>;
  CrmComProductLine: ResolverTypeWrapper<CrmComProductLine>;
  CrmComReference: ResolverTypeWrapper<CrmComReference>;
  CrmComUser: ResolverTypeWrapper<CrmComUser>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DistributionCount: ResolverTypeWrapper<DistributionCount>;
  DistributionErrors: ResolverTypeWrapper<DistributionErrors>;
  DistributionTotals: ResolverTypeWrapper<DistributionTotalsModel>;
  FinancialEntity: ResolverTypeWrapper<FinancialEntityModel>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Lead: ResolverTypeWrapper<LeadModel>;
  LeadAddress: ResolverTypeWrapper<LeadAddress>;
  LeadAddressInput: LeadAddressInput;
  LeadChange: ResolverTypeWrapper<LeadChangeModel>;
  LeadChangeKind: LeadChangeKind;
  LeadChangeSource: LeadChangeSource;
  LeadConnection: ResolverTypeWrapper<LeadConnectionModel>;
  LeadCustomField: ResolverTypeWrapper<LeadCustomField>;
  LeadEdge: ResolverTypeWrapper<Omit<LeadEdge, 'node'> & { node: ResolversTypes['Lead'] }>;
  LeadGraphErrorCode: LeadGraphErrorCode;
  LeadOwner: ResolverTypeWrapper<LeadOwner>;
  LeadPageInfo: ResolverTypeWrapper<LeadPageInfo>;
  LeadRemark: ResolverTypeWrapper<LeadRemark>;
  LeadSearch: ResolverTypeWrapper<LeadSearchModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Person: ResolverTypeWrapper<PersonModel>;
  PersonKeptApart: ResolverTypeWrapper<PersonKeptApartModel>;
  PersonKeptApartReason: PersonKeptApartReason;
  PersonLink: ResolverTypeWrapper<PersonLinkModel>;
  PersonLinkBasis: PersonLinkBasis;
  PersonMatchComparison: ResolverTypeWrapper<MatchComparison>;
  PersonMatchField: PersonMatchField;
  PersonMatchLevel: PersonMatchLevel;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SourcedValue: ResolverTypeWrapper<SourcedValue>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateLeadInput: UpdateLeadInput;
  UserDistribution: ResolverTypeWrapper<UserDistribution>;
  Vendor: Vendor;
  VendorCapabilities: ResolverTypeWrapper<VendorCapabilities>;
  VendorCircuit: ResolverTypeWrapper<VendorCircuit>;
  VendorCircuitState: VendorCircuitState;
  VendorInfo: ResolverTypeWrapper<VendorInfoModel>;
  VendorLastError: ResolverTypeWrapper<VendorLastError>;
  VendorMode: VendorMode;
  VendorOutcome: ResolverTypeWrapper<VendorOutcome>;
  VendorOutcomeStatus: VendorOutcomeStatus;
  VendorRateLimit: ResolverTypeWrapper<VendorRateLimit>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CreateLeadInput: CreateLeadInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  CrmComLeadDetails: CrmComLeadDetails;
  Float: Scalars['Float']['output'];
  CrmComLeadSource: CrmComLeadSource;
  CrmComProductLine: CrmComProductLine;
  CrmComReference: CrmComReference;
  CrmComUser: CrmComUser;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DistributionCount: DistributionCount;
  DistributionErrors: DistributionErrors;
  DistributionTotals: DistributionTotalsModel;
  FinancialEntity: FinancialEntityModel;
  JSON: Scalars['JSON']['output'];
  Lead: LeadModel;
  LeadAddress: LeadAddress;
  LeadAddressInput: LeadAddressInput;
  LeadChange: LeadChangeModel;
  LeadConnection: LeadConnectionModel;
  LeadCustomField: LeadCustomField;
  LeadEdge: Omit<LeadEdge, 'node'> & { node: ResolversParentTypes['Lead'] };
  LeadOwner: LeadOwner;
  LeadPageInfo: LeadPageInfo;
  LeadRemark: LeadRemark;
  LeadSearch: LeadSearchModel;
  Mutation: Record<PropertyKey, never>;
  Person: PersonModel;
  PersonKeptApart: PersonKeptApartModel;
  PersonLink: PersonLinkModel;
  PersonMatchComparison: MatchComparison;
  Query: Record<PropertyKey, never>;
  SourcedValue: SourcedValue;
  Subscription: Record<PropertyKey, never>;
  UpdateLeadInput: UpdateLeadInput;
  UserDistribution: UserDistribution;
  VendorCapabilities: VendorCapabilities;
  VendorCircuit: VendorCircuit;
  VendorInfo: VendorInfoModel;
  VendorLastError: VendorLastError;
  VendorOutcome: VendorOutcome;
  VendorRateLimit: VendorRateLimit;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CrmComLeadDetailsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CrmComLeadDetails'] = ResolversParentTypes['CrmComLeadDetails']> = ResolversObject<{
  actualCompletionDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  assignedUnit?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  assignedUser?: Resolver<Maybe<ResolversTypes['CrmComUser']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  competitors?: Resolver<Array<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  contactLifeCycleState?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contactType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expectedCompletionDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  importance?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lifeCycleState?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lostReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  number?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ownedByGroup?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  physicalGoodsSet?: Resolver<Array<ResolversTypes['CrmComProductLine']>, ParentType, ContextType>;
  priority?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  privacyLevel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  probabilityToWin?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  productsSet?: Resolver<Array<ResolversTypes['CrmComProductLine']>, ParentType, ContextType>;
  servicesSet?: Resolver<Array<ResolversTypes['CrmComProductLine']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['CrmComLeadSource']>, ParentType, ContextType>;
  startDate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  statusDetails?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  targetAmount?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CrmComLeadSourceResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CrmComLeadSource'] = ResolversParentTypes['CrmComLeadSource']> = ResolversObject<{
  recommendedBy?: Resolver<Maybe<ResolversTypes['CrmComUser']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CrmComProductLineResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CrmComProductLine'] = ResolversParentTypes['CrmComProductLine']> = ResolversObject<{
  classification?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  productBrand?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  productFamily?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
  productType?: Resolver<Maybe<ResolversTypes['CrmComReference']>, ParentType, ContextType>;
}>;

export type CrmComReferenceResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CrmComReference'] = ResolversParentTypes['CrmComReference']> = ResolversObject<{
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CrmComUserResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CrmComUser'] = ResolversParentTypes['CrmComUser']> = ResolversObject<{
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  personName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  username?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DistributionCountResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DistributionCount'] = ResolversParentTypes['DistributionCount']> = ResolversObject<{
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type DistributionErrorsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DistributionErrors'] = ResolversParentTypes['DistributionErrors']> = ResolversObject<{
  contactLimitExceeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  duplicates?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ungrouped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  withError?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DistributionTotalsResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DistributionTotals'] = ResolversParentTypes['DistributionTotals']> = ResolversObject<{
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  errors?: Resolver<ResolversTypes['DistributionErrors'], ParentType, ContextType>;
  fetchedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  nextRefreshAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['UserDistribution']>, ParentType, ContextType>;
}>;

export type FinancialEntityResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['FinancialEntity'] = ResolversParentTypes['FinancialEntity'], FederationReferenceType extends FederationReferenceTypes['FinancialEntity'] = FederationReferenceTypes['FinancialEntity']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FinancialEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  assignedLeads?: Resolver<Maybe<Array<ResolversTypes['Lead']>>, ParentType, ContextType>;
  ecosystem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LeadResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Lead'] = ResolversParentTypes['Lead'], FederationReferenceType extends FederationReferenceTypes['Lead'] = FederationReferenceTypes['Lead']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Lead']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['LeadAddress']>, ParentType, ContextType>;
  companyName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  crmcom?: Resolver<Maybe<ResolversTypes['CrmComLeadDetails']>, ParentType, ContextType>;
  customFields?: Resolver<Array<ResolversTypes['LeadCustomField']>, ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  financialEntity?: Resolver<Maybe<ResolversTypes['FinancialEntity']>, ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['LeadOwner']>, ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  remarks?: Resolver<Maybe<Array<ResolversTypes['LeadRemark']>>, ParentType, ContextType>;
  remoteData?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  remoteId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vendor?: Resolver<ResolversTypes['Vendor'], ParentType, ContextType>;
}>;

export type LeadAddressResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadAddress'] = ResolversParentTypes['LeadAddress']> = ResolversObject<{
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  formatted?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  street?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type LeadChangeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadChange'] = ResolversParentTypes['LeadChange']> = ResolversObject<{
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  changedFields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LeadChangeKind'], ParentType, ContextType>;
  lead?: Resolver<Maybe<ResolversTypes['Lead']>, ParentType, ContextType>;
  leadId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['LeadChangeSource'], ParentType, ContextType>;
  vendor?: Resolver<ResolversTypes['Vendor'], ParentType, ContextType>;
}>;

export type LeadConnectionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadConnection'] = ResolversParentTypes['LeadConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['LeadEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['LeadPageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type LeadCustomFieldResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadCustomField'] = ResolversParentTypes['LeadCustomField']> = ResolversObject<{
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rawValue?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type LeadEdgeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadEdge'] = ResolversParentTypes['LeadEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Lead'], ParentType, ContextType>;
}>;

export type LeadOwnerResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadOwner'] = ResolversParentTypes['LeadOwner']> = ResolversObject<{
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type LeadPageInfoResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadPageInfo'] = ResolversParentTypes['LeadPageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type LeadRemarkResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadRemark'] = ResolversParentTypes['LeadRemark']> = ResolversObject<{
  author?: Resolver<Maybe<ResolversTypes['LeadOwner']>, ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type LeadSearchResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LeadSearch'] = ResolversParentTypes['LeadSearch']> = ResolversObject<{
  leads?: Resolver<Array<ResolversTypes['Lead']>, ParentType, ContextType>;
  outcomes?: Resolver<Array<ResolversTypes['VendorOutcome']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addLeadRemark?: Resolver<ResolversTypes['LeadRemark'], ParentType, ContextType, RequireFields<MutationAddLeadRemarkArgs, 'content' | 'leadId'>>;
  assignLead?: Resolver<ResolversTypes['Lead'], ParentType, ContextType, RequireFields<MutationAssignLeadArgs, 'id' | 'ownerId'>>;
  assignLeadToFinancialEntity?: Resolver<ResolversTypes['Lead'], ParentType, ContextType, RequireFields<MutationAssignLeadToFinancialEntityArgs, 'financialEntityId' | 'leadId'>>;
  createLead?: Resolver<ResolversTypes['Lead'], ParentType, ContextType, RequireFields<MutationCreateLeadArgs, 'input'>>;
  deleteLead?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteLeadArgs, 'id'>>;
  updateLead?: Resolver<ResolversTypes['Lead'], ParentType, ContextType, RequireFields<MutationUpdateLeadArgs, 'id' | 'input'>>;
}>;

export type PersonResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person']> = ResolversObject<{
  email?: Resolver<Maybe<ResolversTypes['SourcedValue']>, ParentType, ContextType>;
  emails?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  fullName?: Resolver<Maybe<ResolversTypes['SourcedValue']>, ParentType, ContextType>;
  keptApart?: Resolver<Array<ResolversTypes['PersonKeptApart']>, ParentType, ContextType>;
  leads?: Resolver<Array<ResolversTypes['Lead']>, ParentType, ContextType>;
  links?: Resolver<Array<ResolversTypes['PersonLink']>, ParentType, ContextType>;
  missingVendors?: Resolver<Array<ResolversTypes['VendorOutcome']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['SourcedValue']>, ParentType, ContextType>;
  phones?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  vendors?: Resolver<Array<ResolversTypes['Vendor']>, ParentType, ContextType>;
}>;

export type PersonKeptApartResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PersonKeptApart'] = ResolversParentTypes['PersonKeptApart']> = ResolversObject<{
  comparisons?: Resolver<Array<ResolversTypes['PersonMatchComparison']>, ParentType, ContextType>;
  contradiction?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
  leads?: Resolver<Array<ResolversTypes['Lead']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['PersonKeptApartReason'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type PersonLinkResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PersonLink'] = ResolversParentTypes['PersonLink']> = ResolversObject<{
  basis?: Resolver<ResolversTypes['PersonLinkBasis'], ParentType, ContextType>;
  comparisons?: Resolver<Array<ResolversTypes['PersonMatchComparison']>, ParentType, ContextType>;
  leads?: Resolver<Array<ResolversTypes['Lead']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type PersonMatchComparisonResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PersonMatchComparison'] = ResolversParentTypes['PersonMatchComparison']> = ResolversObject<{
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['PersonMatchField'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['PersonMatchLevel'], ParentType, ContextType>;
  similarity?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  distributionTotals?: Resolver<Maybe<ResolversTypes['DistributionTotals']>, ParentType, ContextType, RequireFields<QueryDistributionTotalsArgs, 'date'>>;
  lead?: Resolver<Maybe<ResolversTypes['Lead']>, ParentType, ContextType, RequireFields<QueryLeadArgs, 'id'>>;
  leads?: Resolver<Array<Maybe<ResolversTypes['Lead']>>, ParentType, ContextType, RequireFields<QueryLeadsArgs, 'ids'>>;
  leadsConnection?: Resolver<Maybe<ResolversTypes['LeadConnection']>, ParentType, ContextType, RequireFields<QueryLeadsConnectionArgs, 'first' | 'vendor'>>;
  people?: Resolver<Maybe<Array<ResolversTypes['Person']>>, ParentType, ContextType, Partial<QueryPeopleArgs>>;
  searchLeads?: Resolver<ResolversTypes['LeadSearch'], ParentType, ContextType, Partial<QuerySearchLeadsArgs>>;
  vendors?: Resolver<Array<ResolversTypes['VendorInfo']>, ParentType, ContextType>;
}>;

export type SourcedValueResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SourcedValue'] = ResolversParentTypes['SourcedValue']> = ResolversObject<{
  leadId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  vendor?: Resolver<ResolversTypes['Vendor'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  distributionTotalsChanged?: SubscriptionResolver<ResolversTypes['DistributionTotals'], "distributionTotalsChanged", ParentType, ContextType, RequireFields<SubscriptionDistributionTotalsChangedArgs, 'date'>>;
  leadChanged?: SubscriptionResolver<ResolversTypes['LeadChange'], "leadChanged", ParentType, ContextType, RequireFields<SubscriptionLeadChangedArgs, 'id'>>;
  leadsChanged?: SubscriptionResolver<ResolversTypes['LeadChange'], "leadsChanged", ParentType, ContextType, RequireFields<SubscriptionLeadsChangedArgs, 'vendor'>>;
}>;

export type UserDistributionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['UserDistribution'] = ResolversParentTypes['UserDistribution']> = ResolversObject<{
  automations?: Resolver<Array<ResolversTypes['DistributionCount']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  origins?: Resolver<Array<ResolversTypes['DistributionCount']>, ParentType, ContextType>;
  productsAndServices?: Resolver<Array<ResolversTypes['DistributionCount']>, ParentType, ContextType>;
  segments?: Resolver<Array<ResolversTypes['DistributionCount']>, ParentType, ContextType>;
  totalLeads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type VendorCapabilitiesResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['VendorCapabilities'] = ResolversParentTypes['VendorCapabilities']> = ResolversObject<{
  distributionTotals?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  list?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lookupByEmail?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lookupById?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lookupByPhone?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  writes?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type VendorCircuitResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['VendorCircuit'] = ResolversParentTypes['VendorCircuit']> = ResolversObject<{
  family?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retryAfterSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['VendorCircuitState'], ParentType, ContextType>;
}>;

export type VendorInfoResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['VendorInfo'] = ResolversParentTypes['VendorInfo']> = ResolversObject<{
  capabilities?: Resolver<ResolversTypes['VendorCapabilities'], ParentType, ContextType>;
  circuits?: Resolver<Array<ResolversTypes['VendorCircuit']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  heldUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['VendorLastError']>, ParentType, ContextType>;
  mode?: Resolver<Maybe<ResolversTypes['VendorMode']>, ParentType, ContextType>;
  rateLimit?: Resolver<Maybe<ResolversTypes['VendorRateLimit']>, ParentType, ContextType>;
  vendor?: Resolver<ResolversTypes['Vendor'], ParentType, ContextType>;
}>;

export type VendorLastErrorResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['VendorLastError'] = ResolversParentTypes['VendorLastError']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['LeadGraphErrorCode'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type VendorOutcomeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['VendorOutcome'] = ResolversParentTypes['VendorOutcome']> = ResolversObject<{
  code?: Resolver<Maybe<ResolversTypes['LeadGraphErrorCode']>, ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  leadCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['VendorOutcomeStatus'], ParentType, ContextType>;
  vendor?: Resolver<ResolversTypes['Vendor'], ParentType, ContextType>;
}>;

export type VendorRateLimitResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['VendorRateLimit'] = ResolversParentTypes['VendorRateLimit']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  perSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requests?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = RequestContext> = ResolversObject<{
  CrmComLeadDetails?: CrmComLeadDetailsResolvers<ContextType>;
  CrmComLeadSource?: CrmComLeadSourceResolvers<ContextType>;
  CrmComProductLine?: CrmComProductLineResolvers<ContextType>;
  CrmComReference?: CrmComReferenceResolvers<ContextType>;
  CrmComUser?: CrmComUserResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DistributionCount?: DistributionCountResolvers<ContextType>;
  DistributionErrors?: DistributionErrorsResolvers<ContextType>;
  DistributionTotals?: DistributionTotalsResolvers<ContextType>;
  FinancialEntity?: FinancialEntityResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Lead?: LeadResolvers<ContextType>;
  LeadAddress?: LeadAddressResolvers<ContextType>;
  LeadChange?: LeadChangeResolvers<ContextType>;
  LeadConnection?: LeadConnectionResolvers<ContextType>;
  LeadCustomField?: LeadCustomFieldResolvers<ContextType>;
  LeadEdge?: LeadEdgeResolvers<ContextType>;
  LeadOwner?: LeadOwnerResolvers<ContextType>;
  LeadPageInfo?: LeadPageInfoResolvers<ContextType>;
  LeadRemark?: LeadRemarkResolvers<ContextType>;
  LeadSearch?: LeadSearchResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  PersonKeptApart?: PersonKeptApartResolvers<ContextType>;
  PersonLink?: PersonLinkResolvers<ContextType>;
  PersonMatchComparison?: PersonMatchComparisonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SourcedValue?: SourcedValueResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  UserDistribution?: UserDistributionResolvers<ContextType>;
  VendorCapabilities?: VendorCapabilitiesResolvers<ContextType>;
  VendorCircuit?: VendorCircuitResolvers<ContextType>;
  VendorInfo?: VendorInfoResolvers<ContextType>;
  VendorLastError?: VendorLastErrorResolvers<ContextType>;
  VendorOutcome?: VendorOutcomeResolvers<ContextType>;
  VendorRateLimit?: VendorRateLimitResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = RequestContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
}>;
