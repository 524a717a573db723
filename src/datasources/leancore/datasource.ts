// What one GraphQL request asks of LeanCore: its loader caches per request; the calls go through
// the process-wide LeanCoreApi, and the assignment log is in the shared store (every replica's).
import DataLoader from 'dataloader';
import type { CountryCode } from 'libphonenumber-js/max';
import { BadUserInputError, UpstreamError } from '../../errors.js';
import type { LeadModel } from '../../model/models.js';
import type { FinancialEntityAssigner, LeadLookupOptions, LeadSource } from '../../model/contract.js';
import type { Operation } from '../../request/operation.js';
import { oneCallPerKey, parseVendorPayload, unlessNotFound } from '../shared/payload.js';
import type { KeySealer } from '../shared/sealed-keys.js';
import type { LeanCoreApi } from './api.js';
import type { AssignmentLog } from '../shared/assignment-log.js';
import { LEANCORE_PATHS, leanCoreLeadSchema, mapLeanCoreLead, type LeanCoreLead } from './mapping.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** LeanCore's phone form: country code and number, digits only (`573136434030`). */
const PHONE_DIGITS = /^\d{8,15}$/;

export interface LeanCoreDeps {
  api: LeanCoreApi;
  /** The operation this request's calls are made for. */
  operation: Operation;
  defaultPhoneRegion: CountryCode;
  assignments: AssignmentLog;
  /** Seals the phone in ids, and opens ids sealed with the current or an old key. */
  sealer: KeySealer;
}

/** LeanCore's 404 for a phone: no lead (a body of `null` is LeanCore's answer, to be parsed). */
const NO_LEAD = Symbol('no lead');

interface FetchedLead {
  lead: LeanCoreLead;
  raw: unknown;
  /** The lead mapped, once per request: `_entities` and `leads(ids:)` may name it many times. */
  model?: LeadModel;
}

interface LeanCoreKey {
  leadId: string;
  phoneDigits: string;
}

export class LeanCoreDataSource implements LeadSource, FinancialEntityAssigner {
  readonly vendor = 'LEANCORE' as const;
  private readonly leadByPhone = new DataLoader<string, FetchedLead | null>(
    oneCallPerKey((digits) => this.fetchLeadByPhone(digits)),
  );

  constructor(private readonly deps: LeanCoreDeps) {}

  async findByPhone(phone: string): Promise<LeadModel[]> {
    const digits = phone.replace(/^\+/, '');
    const found = await this.leadByPhone.load(digits);
    return found ? [this.toModel(found, digits)] : [];
  }

  prepareLeadLookup(key: string, { field }: LeadLookupOptions = {}): () => Promise<LeadModel> {
    const { leadId, phoneDigits } = this.parseKey(key, field);
    return async () => {
      const found = await this.leadByPhone.load(phoneDigits);
      // The phone may have moved to another lead since the id was issued.
      if (!found || found.lead.id !== leadId) {
        throw new UpstreamError('NOT_FOUND', `LeanCore has no lead ${leadId} with the phone this id names`, {
          vendor: 'LEANCORE',
        });
      }
      return this.toModel(found, phoneDigits);
    };
  }

  async assignToFinancialEntity(key: string, financialEntityId: string): Promise<LeadModel> {
    const { leadId, phoneDigits } = this.parseKey(key, 'leadId');
    if (!UUID.test(leadId)) {
      throw new BadUserInputError(`LeanCore lead ids are UUIDs; "${leadId.slice(0, 60)}" is not one`, 'leadId');
    }
    if (financialEntityId.trim() === '') {
      throw new BadUserInputError('financialEntityId must not be empty', 'financialEntityId');
    }
    const body = await this.deps.api.call(
      {
        method: 'POST',
        path: LEANCORE_PATHS.assignLeadToFinancialEntity,
        json: { lead_id: leadId, financial_entity_id: financialEntityId },
      },
      this.deps.operation,
    );
    const lead = parseVendorPayload(leanCoreLeadSchema, body, 'LEANCORE', 'a lead');
    this.leadByPhone.clear(phoneDigits);
    const model = this.toModel({ lead, raw: body }, phoneDigits);
    await this.deps.assignments.record(model.id, financialEntityId, lead.ecosystem ?? null);
    return model;
  }

  /**
   * Reconciliation of an assignment whose answer never came: the lead as LeanCore has it now,
   * when it is assigned to that entity (then remembered like any assignment); else null.
   */
  async findAssignedToFinancialEntity(key: string, financialEntityId: string): Promise<LeadModel | null> {
    const { phoneDigits } = this.parseKey(key, 'leadId');
    this.leadByPhone.clear(phoneDigits);
    const lead = await unlessNotFound(this.prepareLeadLookup(key, { field: 'leadId' })(), null);
    if (lead?.financialEntity?.id !== financialEntityId) return null;
    await this.deps.assignments.record(lead.id, financialEntityId, lead.financialEntity.ecosystem);
    return lead;
  }

  /** Leads assigned to the entity through this server that LeanCore still shows assigned to it. */
  async assignedLeads(financialEntityId: string): Promise<LeadModel[]> {
    const ids = await this.deps.assignments.leadIdsOf(financialEntityId);
    const leads = await Promise.all(
      ids.map((id) => {
        const key = id.slice(id.indexOf(':') + 1);
        return unlessNotFound(this.prepareLeadLookup(key)(), null);
      }),
    );
    return leads.filter((lead): lead is LeadModel => lead?.financialEntity?.id === financialEntityId);
  }

  ecosystemOf(financialEntityId: string): Promise<string | null> {
    return this.deps.assignments.ecosystemOf(financialEntityId);
  }

  private async fetchLeadByPhone(digits: string): Promise<FetchedLead | null> {
    // LeanCore answers 404 for a phone it has no lead for: that is an empty result.
    const body = await unlessNotFound(
      this.deps.api.call(
        { method: 'GET', path: LEANCORE_PATHS.leadByPhone, searchParams: { phone: digits } },
        this.deps.operation,
      ),
      NO_LEAD,
    );
    if (body === NO_LEAD) return null;
    return { lead: parseVendorPayload(leanCoreLeadSchema, body, 'LEANCORE', 'a lead'), raw: body };
  }

  /** An old-form key, or one sealed with an old key, as the key sealed with the current key (no call). */
  canonicalKey(key: string, field = 'id'): string {
    const { leadId, phoneDigits } = this.parseKey(key, field);
    return `${leadId}:${this.deps.sealer.seal(phoneDigits, leadId)}`;
  }

  /**
   * `found` is the loader's answer for `lookupDigits`: one model for both. The canonical id seals
   * the phone it was found by (decision 0111).
   */
  private toModel(found: FetchedLead, lookupDigits: string): LeadModel {
    return (found.model ??= mapLeanCoreLead(
      found.lead,
      found.raw,
      this.deps.sealer.seal(lookupDigits, found.lead.id),
      this.deps.defaultPhoneRegion,
    ));
  }

  /**
   * `<lead id>:<sealed phone>`, or the old form `<lead id>:<phone digits>` that ids issued before
   * decision 0111 have (they resolve, and answer the sealed form). The lead id itself may contain
   * colons; neither form of the phone does. The message never repeats the key: it may hold a phone.
   */
  private parseKey(key: string, field = 'id'): LeanCoreKey {
    const separator = key.lastIndexOf(':');
    const leadId = key.slice(0, Math.max(separator, 0));
    const phonePart = key.slice(separator + 1);
    const phoneDigits =
      separator <= 0 ? null : PHONE_DIGITS.test(phonePart) ? phonePart : this.deps.sealer.open(phonePart, leadId);
    if (phoneDigits === null || !PHONE_DIGITS.test(phoneDigits)) {
      throw new BadUserInputError(
        'not a LeanCore lead id: expected an id this graph answered (leancore:<lead id>:<sealed phone>); ' +
          'a sealed part opens only with the LEAD_ID_KEY or LEAD_ID_OLD_KEYS it was made with',
        field,
      );
    }
    return { leadId, phoneDigits };
  }
}
