// Where BesChannels is called for one GraphQL request: its loaders batch and de-duplicate
// within the request; the API client (HTTP, token) is shared by the whole process.
import DataLoader from 'dataloader';
import type { LeadModel, LeadRemark } from '../../model/models.js';
import { BadUserInputError, UpstreamError } from '../../errors.js';
import type {
  LeadEditor,
  LeadFields,
  LeadLookupOptions,
  LeadPage,
  LeadSource,
  NewLead,
  PageRequest,
} from '../../model/contract.js';
import type { Operation } from '../../request/operation.js';
import { asError, oneCallPerKey, parseVendorPayload, unlessNotFound } from '../shared/payload.js';
import type { BesChannelsApi, BesChannelsCall } from './api.js';
import {
  BESCHANNELS_PATHS as PATHS,
  addedRemarkIdSchema,
  besChannelsListItemDialect,
  flatLeadSchema,
  leadIdSchema,
  leadListSchema,
  leadSchema,
  mapBesChannelsFlatLead,
  mapBesChannelsLead,
  parseBesChannelsTime,
  remarkListSchema,
  remarkSchema,
  showsWrittenFields,
  toBesChannelsPhone,
  type BesChannelsRemark,
} from './mapping.js';

/** `leads_id` is an integer; kept within what a JSON number carries exactly. */
const LEADS_ID = /^[1-9]\d{0,14}$/;
/** BesChannels user ids (the LeadOwner select's values) are integers. */
const USER_ID = /^\d{1,15}$/;
/** Lead ids per get-remarks-list call. */
const REMARKS_BATCH = 50;
/**
 * Add Remarks carries the text in its URL (it is a GET): keep it well inside URL limits (500
 * CJK characters are 4.5 KB percent-encoded). Checked before any call (`maxRemarkLength`, src/leads/lead-input.ts).
 */
export const MAX_BESCHANNELS_REMARK = 500;

export class BesChannelsDataSource implements LeadSource, LeadEditor {
  readonly vendor = 'BESCHANNELS' as const;
  readonly maxRemarkLength = MAX_BESCHANNELS_REMARK;
  // BesChannels has no batch details call: one call per distinct id, in parallel up to the
  // vendor's concurrency limit (VENDOR_MAX_CONCURRENCY), each id once per request.
  private readonly byId = new DataLoader<string, LeadModel>(
    oneCallPerKey((id) => this.details({ leads_id: Number(id) })),
  );
  private readonly remarksByLead = new DataLoader<string, LeadRemark[]>((ids) => this.fetchRemarks(ids), {
    maxBatchSize: REMARKS_BATCH,
  });

  constructor(
    private readonly api: BesChannelsApi,
    /** The operation this request's calls are made for. */
    private readonly operation: Operation,
  ) {}

  private read(call: BesChannelsCall): Promise<unknown> {
    return this.api.read(call, this.operation);
  }

  private write(call: BesChannelsCall): Promise<unknown> {
    return this.api.write(call, this.operation);
  }

  prepareLeadLookup(key: string, { field }: LeadLookupOptions = {}): () => Promise<LeadModel> {
    const leadsId = parseLeadsId(key, field);
    return () => this.byId.load(leadsId);
  }

  findByPhone(phone: string): Promise<LeadModel[]> {
    return this.findByRule({ MobilePhone: toBesChannelsPhone(phone), Email: '' });
  }

  findByEmail(email: string): Promise<LeadModel[]> {
    return this.findByRule({ MobilePhone: '', Email: email });
  }

  /**
   * BesChannels pages by page number; a window that straddles two pages asks for both. The
   * list is undocumented: an item is a field list (as details) or a flat record; `total` may
   * be missing, and then a short page is the last and totalCount is null.
   */
  async listLeads({ offset, limit }: PageRequest): Promise<LeadPage> {
    const first = Math.floor(offset / limit) + 1;
    const skip = offset % limit;
    const pages = await Promise.all(
      (skip === 0 ? [first] : [first, first + 1]).map(async (page) =>
        parseVendorPayload(
          leadListSchema,
          await this.read({ path: PATHS.list, json: { page, page_size: limit } }),
          'BESCHANNELS',
          'a page of leads',
        ),
      ),
    );
    const raws = pages.flatMap((p) => p.list ?? []);
    const leads = raws.slice(skip, skip + limit).map((raw) => this.listItemToModel(raw));
    const total = pages[0]?.total ?? null;
    const hasNextPage = total === null ? (pages.at(-1)?.list?.length ?? 0) === limit : offset + leads.length < total;
    return { leads, hasNextPage, totalCount: total };
  }

  async createLead(lead: NewLead): Promise<LeadModel> {
    if (!lead.phone) throw new BadUserInputError('BesChannels needs a mobile phone for every lead', 'input.phone');
    if (lead.ownerId !== undefined) checkUserId(lead.ownerId, 'input.ownerId');
    const body = { ...toBesChannelsFields(lead), ...(lead.ownerId ? { LeadOwner: lead.ownerId } : {}) };
    const created = parseVendorPayload(
      leadIdSchema,
      await this.write({ path: PATHS.create, json: body }),
      'BESCHANNELS',
      'the created lead id',
    );
    return this.readBack(created.leads_id, 'created');
  }

  /**
   * BesChannels' edit finds the lead by MobilePhone or Email, not by id: we read the lead,
   * name it by the one of the two that is not changing, and edit only (`is_add: 1`).
   */
  async updateLead(key: string, changes: LeadFields): Promise<LeadModel> {
    const leadsId = parseLeadsId(key);
    const current = await this.byId.load(leadsId);
    const phoneChanges = changes.phone !== undefined && changes.phone !== current.phone;
    const emailChanges = changes.email !== undefined && changes.email !== current.email;
    if (phoneChanges && emailChanges) {
      throw new BadUserInputError(
        'BesChannels finds the lead to edit by its phone or its email: change one of them at a time',
        'input.email',
      );
    }
    let identity: Record<string, string>;
    if (!phoneChanges && current.phone) identity = { MobilePhone: toBesChannelsPhone(current.phone) };
    else if (!emailChanges && current.email) identity = { Email: current.email };
    else {
      throw new BadUserInputError(
        'BesChannels cannot find this lead to edit it without its current phone or email',
        phoneChanges ? 'input.phone' : 'input.email',
      );
    }
    const edited = parseVendorPayload(
      leadIdSchema,
      await this.write({ path: PATHS.edit, json: { ...toBesChannelsFields(changes), ...identity, is_add: 1 } }),
      'BESCHANNELS',
      'the edited lead id',
    );
    if (edited.leads_id !== leadsId) {
      throw new UpstreamError(
        'UPSTREAM_ERROR',
        `BesChannels edited lead beschannels:${edited.leads_id} instead of beschannels:${leadsId}`,
        { vendor: 'BESCHANNELS' },
      );
    }
    return this.readBack(leadsId, 'updated');
  }

  async deleteLead(key: string): Promise<void> {
    const leadsId = parseLeadsId(key);
    await this.write({ path: PATHS.delete, json: { leads_id: [Number(leadsId)] } });
    this.byId.clear(leadsId);
  }

  async assignLead(key: string, ownerId: string): Promise<LeadModel> {
    const leadsId = parseLeadsId(key);
    checkUserId(ownerId, 'ownerId');
    await this.write({ path: PATHS.assign, json: { leads_id: [Number(leadsId)], user_id: ownerId } });
    return this.readBack(leadsId, 'assigned');
  }

  async addRemark(key: string, content: string): Promise<LeadRemark> {
    const leadsId = parseLeadsId(key, 'leadId');
    // Add Remarks is a GET at BesChannels, and still a write: never retried. Its answer is
    // undocumented: code 0 means stored, whatever `data` holds.
    const data = await this.write({
      method: 'GET',
      path: PATHS.addRemark,
      searchParams: { leads_id: leadsId, content },
    });
    this.remarksByLead.clear(leadsId);
    const remark = remarkSchema.safeParse(data);
    if (remark.success) return mapRemark(remark.data);
    return this.readBackRemark(leadsId, content, addedRemarkIdSchema.safeParse(data).data ?? null);
  }

  remarks(key: string): Promise<LeadRemark[]> {
    return this.remarksByLead.load(parseLeadsId(key));
  }

  // Reconciliation reads (see LeadEditor): BesChannels has no request ids, so a write is judged
  // done when the lead holds what it wrote. A create is found by its phone (every BesChannels
  // lead has one, and one lead per phone).
  async findCreated(lead: NewLead): Promise<LeadModel | null> {
    if (!lead.phone) return null;
    const [found] = await this.findByPhone(lead.phone);
    const written = { ...toBesChannelsFields(lead), ...(lead.ownerId ? { LeadOwner: lead.ownerId } : {}) };
    return found && showsWrittenFields(written, found) ? found : null;
  }

  async findUpdated(key: string, changes: LeadFields): Promise<LeadModel | null> {
    const lead = await this.freshLead(key);
    return lead && showsWrittenFields(toBesChannelsFields(changes), lead) ? lead : null;
  }

  async isDeleted(key: string): Promise<boolean> {
    return (await this.freshLead(key)) === null;
  }

  async findAssigned(key: string, ownerId: string): Promise<LeadModel | null> {
    const lead = await this.freshLead(key);
    return lead?.owner?.id === ownerId ? lead : null;
  }

  async remarkIdsWith(key: string, content: string): Promise<string[]> {
    return (await this.freshRemarks(key)).filter((r) => r.content === content).map((r) => r.id);
  }

  async findAddedRemark(key: string, content: string, before: readonly string[]): Promise<LeadRemark | null> {
    const remarks = await this.freshRemarks(key);
    return remarks.filter((r) => r.content === content && !before.includes(r.id)).at(-1) ?? null;
  }

  /** The lead as BesChannels has it now (not this request's earlier read); null when it is gone. */
  private freshLead(key: string): Promise<LeadModel | null> {
    const leadsId = parseLeadsId(key);
    this.byId.clear(leadsId);
    return unlessNotFound(this.byId.load(leadsId), null);
  }

  private freshRemarks(key: string): Promise<LeadRemark[]> {
    const leadsId = parseLeadsId(key);
    this.remarksByLead.clear(leadsId);
    return this.remarksByLead.load(leadsId);
  }

  private async details(body: Record<string, unknown>): Promise<LeadModel> {
    const model = this.toModel(await this.read({ path: PATHS.details, json: body }));
    this.byId.prime(model.remoteId, model);
    return model;
  }

  private async findByRule(rule: { MobilePhone: string; Email: string }): Promise<LeadModel[]> {
    // "No such lead" is an empty answer to a search.
    const lead = await unlessNotFound(this.details({ rule }), null);
    return lead ? [lead] : [];
  }

  private async fetchRemarks(ids: readonly string[]): Promise<(LeadRemark[] | Error)[]> {
    try {
      const data = await this.read({ path: PATHS.remarks, json: { leads_id: ids.map(Number) } });
      const remarks = parseVendorPayload(remarkListSchema, data, 'BESCHANNELS', 'remarks').list ?? [];
      return ids.map((id) =>
        remarks
          .filter((r) => r.leads_id === id)
          .map(mapRemark)
          .sort(oldestFirst),
      );
    } catch (error) {
      // One lead gone fails the whole batch: ask per lead, so only that one fails.
      if (ids.length > 1 && error instanceof UpstreamError && error.code === 'NOT_FOUND') {
        return Promise.all(ids.map(async (id) => (await this.fetchRemarks([id]))[0]!));
      }
      return ids.map(() => asError(error));
    }
  }

  /** The lead after a write, read again; a failure says the write itself went through. */
  private async readBack(leadsId: string, done: string): Promise<LeadModel> {
    this.byId.clear(leadsId);
    try {
      return await this.byId.load(leadsId);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      throw new UpstreamError(
        error.code,
        `BesChannels ${done} lead beschannels:${leadsId}, but reading it back failed: ${error.message}`,
        error.details,
      );
    }
  }

  /**
   * The added remark from the remarks list: by its id when the answer gave one, else the
   * newest remark with this content. A failure says the remark was stored (never retry it).
   */
  private async readBackRemark(leadsId: string, content: string, remarkId: string | null): Promise<LeadRemark> {
    const stored = (found: string) =>
      `BesChannels stored the remark on beschannels:${leadsId} (do not send it again), but ${found}`;
    let remarks: LeadRemark[];
    try {
      remarks = await this.remarksByLead.load(leadsId);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      throw new UpstreamError(error.code, stored(`reading it back failed: ${error.message}`), error.details);
    }
    const added =
      remarkId === null ? remarks.filter((r) => r.content === content).at(-1) : remarks.find((r) => r.id === remarkId);
    if (added) return added;
    throw new UpstreamError('UPSTREAM_ERROR', stored('its remarks list does not show it'), { vendor: 'BESCHANNELS' });
  }

  /** A list item in either shape; only a full (field list) lead stands in for the lead by id. */
  private listItemToModel(raw: unknown): LeadModel {
    if (besChannelsListItemDialect(raw) === 'field-list') {
      const model = this.toModel(raw);
      this.byId.prime(model.remoteId, model);
      return model;
    }
    return mapBesChannelsFlatLead(parseVendorPayload(flatLeadSchema, raw, 'BESCHANNELS', 'a lead'), raw);
  }

  private toModel(raw: unknown): LeadModel {
    return mapBesChannelsLead(parseVendorPayload(leadSchema, raw, 'BESCHANNELS', 'a lead'), raw);
  }
}

function parseLeadsId(key: string, field = 'id'): string {
  if (!LEADS_ID.test(key)) {
    throw new BadUserInputError(
      `"beschannels:${key.slice(0, 40)}" is not a BesChannels lead id (expected beschannels:<leads_id digits>)`,
      field,
    );
  }
  return key;
}

function checkUserId(ownerId: string, field: string): void {
  if (!USER_ID.test(ownerId)) {
    throw new BadUserInputError(`"${ownerId.slice(0, 40)}" is not a BesChannels user id (digits)`, field);
  }
}

/**
 * Our lead fields as BesChannels' flat create/edit fields. BesChannels' region picker wants
 * its own province/city codes, which we do not have: the address goes in as its display line
 * (`value`) with empty codes.
 */
function toBesChannelsFields(fields: LeadFields): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (fields.fullName !== undefined) body['FullName'] = fields.fullName;
  if (fields.phone !== undefined) body['MobilePhone'] = toBesChannelsPhone(fields.phone);
  if (fields.email !== undefined) body['Email'] = fields.email;
  if (fields.companyName !== undefined) body['Company'] = fields.companyName;
  const address = fields.address;
  if (address) {
    if (address.street !== undefined) body['Street'] = address.street;
    const line = address.formatted ?? [address.city, address.region, address.country].filter(Boolean).join(', ');
    if (line !== '' || address.formatted !== undefined) {
      body['Address'] = { province: '', city: '', area: '', value: line };
    }
  }
  return body;
}

function oldestFirst(a: LeadRemark, b: LeadRemark): number {
  return (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0);
}

function mapRemark(remark: BesChannelsRemark): LeadRemark {
  const author = remark.user_id === null || remark.user_id === undefined ? '' : String(remark.user_id);
  return {
    id: remark.id,
    content: remark.content,
    createdAt: parseBesChannelsTime(remark.create_time),
    author: author === '' ? null : { id: author, name: remark.user_name || null, email: null },
  };
}
