// What one GraphQL request asks of CRM.COM: its loader batches and caches per request; the
// calls go through the process-wide CrmComApi (login, token, envelope).
import DataLoader from 'dataloader';
import type { CountryCode } from 'libphonenumber-js/max';
import { BadUserInputError } from '../../errors.js';
import type { LeadModel } from '../../model/models.js';
import { parseGlobalId } from '../../model/ids.js';
import { type LeadLookupOptions, type LeadPage, type LeadSource, type PageRequest } from '../../model/contract.js';
import type { Operation } from '../../request/operation.js';
import { asError, parseVendorPayload, unlessNotFound } from '../shared/payload.js';
import type { CrmComApi } from './api.js';
import {
  coversFieldsSet,
  crmComFieldsFor,
  fieldsSetParam,
  mergeFieldsSets,
  type CrmComFieldsSet,
} from './fields-set.js';
import {
  CRMCOM_CONTACT_FILTER,
  CRMCOM_PATHS,
  crmComLeadListSchema,
  crmComLeadSchema,
  mapCrmComLead,
  type CrmComLead,
} from './mapping.js';

/** Leads one contact lookup reads at most (a phone or email is rarely on more). */
const SEARCH_LIMIT = 50;

const LEAD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const LEAD_NUMBER = /^number=([A-Za-z0-9._-]{1,40})$/;

export interface CrmComDeps {
  api: CrmComApi;
  /** The operation this request's calls are made for. */
  operation: Operation;
  defaultPhoneRegion: CountryCode;
  /** Whether leads are searched by phone and email (CrmComConfig.contactSearch). */
  contactSearch: boolean;
}

interface FetchedLead {
  lead: CrmComLead;
  raw: unknown;
  /** The lead mapped, once per request: `_entities` and `leads(ids:)` may name it many times. */
  model?: LeadModel;
}

/** One `leads/show` wish: which lead, and which fields of it. */
interface ShowKey {
  /** CRM.COM's `lead_identifier`: `id=<id>` or `number=<n>`. */
  identifier: string;
  fields: CrmComFieldsSet;
}

export class CrmComDataSource implements LeadSource {
  readonly vendor = 'CRMCOM' as const;
  /**
   * Batches every `leads/show` wish of one tick; wishes for the same lead with different
   * field sets become ONE call asking for the union (see showBatch).
   */
  private readonly shows = new DataLoader<ShowKey, FetchedLead, string>((keys) => this.showBatch(keys), {
    cacheKeyFn: (key) => `${key.identifier}|${fieldsSetParam(key.fields) ?? '*'}`,
  });
  /** What this request already asked for, per lead: a later wish a fetch covers reuses it. */
  private readonly asked = new Map<string, { fields: CrmComFieldsSet; result: Promise<FetchedLead> }[]>();

  /** Absent unless contact search is on: the search then answers UNSUPPORTED without a call. */
  readonly findByPhone?: (phone: string) => Promise<LeadModel[]>;
  readonly findByEmail?: (email: string) => Promise<LeadModel[]>;

  constructor(private readonly deps: CrmComDeps) {
    if (deps.contactSearch) {
      this.findByPhone = (phone) => this.findByContact(CRMCOM_CONTACT_FILTER.phone, phone, (l) => l.phone === phone);
      this.findByEmail = (email) => this.findByContact(CRMCOM_CONTACT_FILTER.email, email, (l) => l.email === email);
    }
  }

  private read(path: string, params: Record<string, string | number>): Promise<unknown> {
    return this.deps.api.read(path, params, this.deps.operation);
  }

  /**
   * `key` is CRM.COM's lead id (`crmcom:<id>`), or `number=<n>` for a lookup by the lead's
   * number (`crmcom:number=19`); the lead found always has the id form.
   * Only the CRM.COM fields `selection` needs are fetched (all when it is absent).
   */
  prepareLeadLookup(key: string, { field, selection }: LeadLookupOptions = {}): () => Promise<LeadModel> {
    const identifier = parseCrmComKey(key, field);
    const fields = crmComFieldsFor(selection);
    return async () => this.toModel(await this.show(identifier, fields));
  }

  /** `number=<n>` is an alias: only CRM.COM knows the lead's id (one call); an id is canonical. */
  async canonicalKey(key: string, field = 'id'): Promise<string> {
    if (!LEAD_NUMBER.test(key)) {
      parseCrmComKey(key, field); // a malformed id is BAD_USER_INPUT, as a lookup's would be
      return key;
    }
    const lead = await this.prepareLeadLookup(key, { field, selection: new Set(['id']) })();
    return parseGlobalId(lead.id).key;
  }

  async listLeads({ offset, limit }: PageRequest): Promise<LeadPage> {
    // One more than asked tells whether there is a next page (CRM.COM sends no total).
    const leads = await this.list({ number_of_results: limit + 1, offset });
    return { leads: leads.slice(0, limit), hasNextPage: leads.length > limit, totalCount: null };
  }

  private show(identifier: string, fields: CrmComFieldsSet): Promise<FetchedLead> {
    const asked = this.asked.get(identifier) ?? [];
    const covering = asked.find((earlier) => coversFieldsSet(earlier.fields, fields));
    if (covering) return covering.result;
    const result = this.shows.load({ identifier, fields });
    asked.push({ fields, result });
    this.asked.set(identifier, asked);
    return result;
  }

  private async showBatch(keys: readonly ShowKey[]): Promise<(FetchedLead | Error)[]> {
    const setsByLead = new Map<string, CrmComFieldsSet[]>();
    for (const { identifier, fields } of keys)
      setsByLead.set(identifier, [...(setsByLead.get(identifier) ?? []), fields]);
    const calls = new Map(
      [...setsByLead].map(([identifier, sets]) => [
        identifier,
        this.fetchLead(identifier, mergeFieldsSets(sets)).catch(asError),
      ]),
    );
    return Promise.all(keys.map((key) => calls.get(key.identifier) as Promise<FetchedLead | Error>));
  }

  private async fetchLead(identifier: string, fields: CrmComFieldsSet): Promise<FetchedLead> {
    const fieldsSet = fieldsSetParam(fields);
    const data = await this.read(CRMCOM_PATHS.leadShow, {
      lead_identifier: identifier,
      ...(fieldsSet ? { fields_set: fieldsSet } : {}),
    });
    return { lead: parseVendorPayload(crmComLeadSchema, data, 'CRMCOM', 'a lead'), raw: data };
  }

  private async findByContact(
    filter: string,
    value: string,
    matches: (lead: LeadModel) => boolean,
  ): Promise<LeadModel[]> {
    // A list with nothing in it may come as a NOT_FOUND status rather than as `data: []`.
    const leads = await unlessNotFound(
      this.list({ [CRMCOM_CONTACT_FILTER.param]: `${filter}=${value}`, number_of_results: SEARCH_LIMIT }),
      [],
    );
    // CRM.COM's matching is its own; keep only the leads whose normalised value is the one asked.
    return leads.filter(matches);
  }

  private async list(params: Record<string, string | number>): Promise<LeadModel[]> {
    const data = await this.read(CRMCOM_PATHS.leadList, params);
    return parseVendorPayload(crmComLeadListSchema, data, 'CRMCOM', 'a lead list').map((raw) =>
      this.toModel({ lead: parseVendorPayload(crmComLeadSchema, raw, 'CRMCOM', 'a lead'), raw }),
    );
  }

  private toModel(found: FetchedLead): LeadModel {
    return (found.model ??= mapCrmComLead(found.lead, found.raw, this.deps.defaultPhoneRegion));
  }
}

/** `crmcom:<id>` or `crmcom:number=<n>` → CRM.COM's `lead_identifier`. */
export function parseCrmComKey(key: string, field = 'id'): string {
  const number = LEAD_NUMBER.exec(key);
  if (number) return `number=${number[1]}`;
  if (LEAD_ID.test(key)) return `id=${key}`;
  throw new BadUserInputError(
    `"crmcom:${key.slice(0, 60)}" is not a CRM.COM lead id (expected crmcom:<id> or crmcom:number=<number>)`,
    field,
  );
}
