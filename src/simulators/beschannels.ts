// BesChannels Open API as its pages describe it: every call `POST <path>?access_token=` (Add
// Remarks is a GET, as the API menu lists it) answering HTTP 200 with `{code, msg, data}`,
// `code` 0 for success; a token from `POST /api/get-access-token` lives 2 hours, and asking
// again with more than 20 minutes left gives the same token, with less a new one (the old one
// stays valid until it expires).
//
// Where the material we have is silent, this simulator chooses (the ONE place these choices
// are written down):
// - the token call takes JSON `{app_id, app_secret}`; `expire_time` is the seconds left;
// - business codes (the vendor's error-code page is not in our documents): 40001 invalid
//   access_token, 42001 expired access_token, 40013 wrong app_id/app_secret, 40010 bad
//   parameter, 40004 no such lead, 20002 lead already exists (a duplicate phone or email),
//   40020 conflicting identity (phone and email name different leads),
//   40030 no such user, 45009 call frequency exceeded, 50001 系统繁忙 (busy, `busyIn200`);
// - the list is `POST /leads/open-api/leads-list` `{page (from 1), page_size (1-100)}` →
//   `{list: [<the details data of each lead>], total, page, page_size}`;
// - assignment is `POST /leads/open-api/leads-assignment` `{leads_id: [ids], user_id}`;
// - add-remark is `GET /leads/open-api/add-remarks?leads_id=&content=[&user_id=]` → the remark;
//   the remarks list answers `{list: [{id, leads_id, content, create_time, user_id, user_name}]}`;
// - create and edit answer `{leads_id}`;
// - `rule` lookups compare MobilePhone with spaces, dashes and brackets removed (so
//   "+57 313 643 4030" is found as "+573136434030", "18610813532" only as itself) and Email
//   case-insensitively; an empty rule key is ignored, at least one must be given;
// - edit identifies the lead by MobilePhone, else by Email; when the two name different
//   leads it is a conflict (40020);
// - a Select field's `display_value` is the option value; `options` give the labels.
// Where a real server may well answer otherwise, `dialect` switches (per test, at run time) to
// the other plausible answers: see BesChannelsDialect.
import { randomBytes } from 'node:crypto';
import {
  BES_FIELD_GROUPS,
  BES_LEADS,
  BES_REMARKS,
  BES_USERS,
  type BesSeedAddress,
  type BesSeedField,
  type BesSeedLead,
  type BesSeedRemark,
} from './beschannels-seed.js';
import { SimulatorServer, json, type Route, type SimRequest, type SimResponse } from './server.js';

export const BES_SIM_CODES = {
  OK: 0,
  TOKEN_INVALID: 40001,
  TOKEN_EXPIRED: 42001,
  BAD_APP_CREDENTIALS: 40013,
  BAD_PARAMETER: 40010,
  LEAD_NOT_FOUND: 40004,
  LEAD_EXISTS: 20002,
  LEADS_CONFLICT: 40020,
  USER_NOT_FOUND: 40030,
  RATE_LIMITED: 45009,
  SYSTEM_BUSY: 50001,
  /** Not in our documents: a code outside the known table, as a system error would have. */
  SYSTEM_ERROR: 50000,
} as const;

const C = BES_SIM_CODES;

/** The answers the documents leave open, each one a switch (defaults: the choices above). */
export interface BesChannelsDialect {
  /**
   * "No such lead": `known-code` 40004 线索不存在; `unknown-code-zh` code 50004 with 线索不存在;
   * `unknown-code-en` code 1004 with "Lead does not exist".
   */
  notFound: 'known-code' | 'unknown-code-zh' | 'unknown-code-en';
  /** List items as the details' field list, or as flat records. */
  listItems: 'field-list' | 'flat';
  /** In flat records, LeadOwner as the user id or as the user's name. */
  flatOwner: 'id' | 'label';
  /** The list's `total` as a number, a numeric string, or missing. */
  listTotal: 'number' | 'string' | 'missing';
  /** Add-remark's `data`: the remark, `{id}`, the bare id, or null. */
  addRemark: 'remark' | 'id-object' | 'id' | 'null';
}

export const DEFAULT_BES_DIALECT: Readonly<BesChannelsDialect> = {
  notFound: 'known-code',
  listItems: 'field-list',
  flatOwner: 'id',
  listTotal: 'number',
  addRemark: 'remark',
};

const NOT_FOUND_ANSWERS: Record<BesChannelsDialect['notFound'], { code: number; msg: string }> = {
  'known-code': { code: C.LEAD_NOT_FOUND, msg: '线索不存在' },
  'unknown-code-zh': { code: 50004, msg: '线索不存在' },
  'unknown-code-en': { code: 1004, msg: 'Lead does not exist' },
};
const TOKEN_LIFETIME_MS = 2 * 60 * 60_000;
const SAME_TOKEN_IF_LEFT_MS = 20 * 60_000;
const MAX_PAGE_SIZE = 100;
/** The seed keeps no lead times; flat records show this one. */
const FLAT_RECORD_TIME = '2026-11-01 09:00:00';

interface SimToken {
  value: string;
  appId: string;
  expiresAt: number;
}

export interface BesChannelsSimulatorOptions {
  appId?: string;
  appSecret?: string;
  /** The simulator's clock. @default Date.now */
  now?: () => number;
}

class BusinessError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
  ) {
    super(msg);
  }
}

const ok = (data: unknown): SimResponse => json(200, { code: C.OK, msg: '成功', data });
const fail = (code: number, msg: string): SimResponse => json(200, { code, msg, data: null });
const compactPhone = (phone: string) => phone.replace(/[\s\-()]/g, '');

type Body = Record<string, unknown>;

export class BesChannelsSimulator extends SimulatorServer {
  readonly appId: string;
  readonly appSecret: string;
  readonly leads: BesSeedLead[] = structuredClone(BES_LEADS);
  readonly remarks: BesSeedRemark[] = structuredClone(BES_REMARKS);
  readonly users = structuredClone(BES_USERS);
  /** While true, every call with a token is refused as invalid (tokens are still issued). */
  refuseTokens = false;
  /** How this simulator answers where the documents are silent. */
  private dialect: BesChannelsDialect = { ...DEFAULT_BES_DIALECT };
  private readonly tokens = new Map<string, SimToken>();
  private readonly currentToken = new Map<string, SimToken>();
  private readonly now: () => number;
  private nextLeadId = Math.max(...BES_LEADS.map((l) => l.leads_id)) + 1;
  private nextRemarkId = Math.max(...BES_REMARKS.map((r) => r.id)) + 1;

  constructor(options: BesChannelsSimulatorOptions = {}) {
    super();
    this.appId = options.appId ?? 'bes-simulator-app';
    this.appSecret = options.appSecret ?? 'bes-simulator-app-secret';
    this.now = options.now ?? Date.now;
  }

  /** Every token issued so far stops working now (as when the vendor revokes them). */
  expireTokens(): void {
    const now = this.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  /** The default dialect with these answers changed; `setDialect()` restores the default. */
  setDialect(changes: Partial<BesChannelsDialect> = {}): void {
    this.dialect = { ...DEFAULT_BES_DIALECT, ...changes };
  }

  /** Token values issued so far, oldest first. */
  issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }

  errorIn200(message: string): SimResponse {
    return fail(C.SYSTEM_ERROR, message);
  }

  /** BesChannels under load: its busy code (for `inject({ response })`). */
  busyIn200(): SimResponse {
    return fail(C.SYSTEM_BUSY, '系统繁忙');
  }

  protected routes(): Route[] {
    const post = (path: string, handle: (body: Body) => SimResponse): Route => ({
      method: 'POST',
      path,
      handle: (r) => this.withToken(r, () => handle(asBody(r.body))),
    });
    return [
      { method: 'POST', path: '/api/get-access-token', handle: (r) => this.issueToken(asBody(r.body)) },
      post('/leads/open-api/leads-list', (b) => this.list(b)),
      post('/leads/open-api/leads-details', (b) => this.details(b)),
      post('/leads/open-api/create-leads', (b) => this.create(b)),
      post('/leads/open-api/edit-leads', (b) => this.edit(b)),
      post('/leads/open-api/del-leads', (b) => this.remove(b)),
      post('/leads/open-api/get-remarks-list', (b) => this.remarksList(b)),
      post('/leads/open-api/leads-assignment', (b) => this.assign(b)),
      {
        method: 'GET',
        path: '/leads/open-api/add-remarks',
        handle: (r) => this.withToken(r, () => this.addRemark(r.query)),
      },
    ];
  }

  private issueToken(body: Body): SimResponse {
    if (body['app_id'] !== this.appId || body['app_secret'] !== this.appSecret) {
      return fail(C.BAD_APP_CREDENTIALS, 'app_id或app_secret错误');
    }
    const now = this.now();
    let token = this.currentToken.get(this.appId);
    if (!token || token.expiresAt - now <= SAME_TOKEN_IF_LEFT_MS) {
      token = { value: randomBytes(48).toString('base64url'), appId: this.appId, expiresAt: now + TOKEN_LIFETIME_MS };
      this.tokens.set(token.value, token);
      this.currentToken.set(this.appId, token);
    }
    return ok({ access_token: token.value, expire_time: Math.floor((token.expiresAt - now) / 1000) });
  }

  private withToken(request: SimRequest, next: () => SimResponse): SimResponse {
    const value = request.query.get('access_token');
    if (!value) return fail(C.TOKEN_INVALID, 'access_token不能为空');
    const token = this.tokens.get(value);
    if (!token || this.refuseTokens) return fail(C.TOKEN_INVALID, 'access_token无效');
    if (token.expiresAt <= this.now()) return fail(C.TOKEN_EXPIRED, 'access_token已过期');
    try {
      return next();
    } catch (error) {
      if (error instanceof BusinessError) return fail(error.code, error.msg);
      throw error;
    }
  }

  private list(body: Body): SimResponse {
    const page = body['page'] ?? 1;
    const pageSize = body['page_size'] ?? 20;
    if (!isPositiveInt(page) || !isPositiveInt(pageSize) || pageSize > MAX_PAGE_SIZE) {
      throw new BusinessError(C.BAD_PARAMETER, `参数错误: page 从 1 开始, page_size 为 1-${MAX_PAGE_SIZE}`);
    }
    const sorted = [...this.leads].sort((a, b) => a.leads_id - b.leads_id);
    const slice = sorted.slice((page - 1) * pageSize, page * pageSize);
    const { listItems, listTotal } = this.dialect;
    const total = { number: { total: sorted.length }, string: { total: String(sorted.length) }, missing: {} }[
      listTotal
    ];
    const list = slice.map((l) => (listItems === 'flat' ? this.renderFlat(l) : this.render(l)));
    return ok({ list, ...total, page, page_size: pageSize });
  }

  private details(body: Body): SimResponse {
    const [lead] = this.select(body, { single: true });
    return ok(this.render(lead!));
  }

  private create(body: Body): SimResponse {
    const fields = this.leadFields(body);
    if (!fields.MobilePhone) throw new BusinessError(C.BAD_PARAMETER, '参数错误: MobilePhone不能为空');
    if (this.byPhone(fields.MobilePhone)) throw new BusinessError(C.LEAD_EXISTS, '线索已存在: 手机号重复');
    if (fields.Email && this.byEmail(fields.Email)) throw new BusinessError(C.LEAD_EXISTS, '线索已存在: 邮箱重复');
    const lead: BesSeedLead = {
      leads_id: this.nextLeadId++,
      FullName: '',
      MobilePhone: '',
      Email: '',
      Company: '',
      Address: { province: '', city: '', area: '', value: '' },
      Street: '',
      LeadOwner: '',
      fields: { LeadStatus: '1' },
      ...fields,
    };
    this.leads.push(lead);
    return ok({ leads_id: lead.leads_id });
  }

  private edit(body: Body): SimResponse {
    const fields = this.leadFields(body);
    const isAdd = body['is_add'] ?? 0;
    if (isAdd !== 0 && isAdd !== 1 && isAdd !== 2) throw new BusinessError(C.BAD_PARAMETER, '参数错误: is_add');
    if (!fields.MobilePhone && !fields.Email) {
      throw new BusinessError(C.BAD_PARAMETER, '参数错误: MobilePhone和Email不能同时为空');
    }
    const byPhone = fields.MobilePhone ? this.byPhone(fields.MobilePhone) : undefined;
    const byEmail = fields.Email ? this.byEmail(fields.Email) : undefined;
    if (byPhone && byEmail && byPhone !== byEmail) {
      throw new BusinessError(C.LEADS_CONFLICT, '线索冲突: 手机号与邮箱属于不同线索');
    }
    const lead = byPhone ?? byEmail;
    if (!lead) {
      if (isAdd === 1) throw this.leadNotFound();
      return this.create(body);
    }
    if (isAdd === 2) throw new BusinessError(C.LEAD_EXISTS, '线索已存在');
    Object.assign(lead, fields);
    return ok({ leads_id: lead.leads_id });
  }

  private remove(body: Body): SimResponse {
    const leads = this.select(body, { single: false });
    for (const lead of leads) this.leads.splice(this.leads.indexOf(lead), 1);
    return ok(null);
  }

  private remarksList(body: Body): SimResponse {
    const ids = new Set(this.select(body, { single: false }).map((l) => l.leads_id));
    return ok({ list: this.remarks.filter((r) => ids.has(r.leads_id)) });
  }

  private addRemark(query: URLSearchParams): SimResponse {
    const lead = this.byId(query.get('leads_id'));
    const content = query.get('content')?.trim();
    if (!content) throw new BusinessError(C.BAD_PARAMETER, '参数错误: content不能为空');
    const user = this.users.find((u) => u.user_id === (query.get('user_id') ?? lead.LeadOwner));
    const remark: BesSeedRemark = {
      id: this.nextRemarkId++,
      leads_id: lead.leads_id,
      content,
      create_time: beijingTime(this.now()),
      user_id: user?.user_id ?? '',
      user_name: user?.name ?? '',
    };
    this.remarks.push(remark);
    const answers = { remark, 'id-object': { id: remark.id }, id: remark.id, null: null };
    return ok(answers[this.dialect.addRemark]);
  }

  private assign(body: Body): SimResponse {
    const ids = body['leads_id'];
    if (!Array.isArray(ids) || ids.length === 0) throw new BusinessError(C.BAD_PARAMETER, '参数错误: leads_id');
    const user = this.users.find((u) => u.user_id === scalarText(body['user_id']));
    if (!user) throw new BusinessError(C.USER_NOT_FOUND, '用户不存在');
    const leads = ids.map((id) => this.byId(id));
    for (const lead of leads) lead.LeadOwner = user.user_id;
    return ok(null);
  }

  /** Leads named by `leads_id` (one id or an array) or else by `rule {Email, MobilePhone}`. */
  private select(body: Body, { single }: { single: boolean }): BesSeedLead[] {
    const ids = body['leads_id'];
    if (ids !== undefined && ids !== null && ids !== '') {
      if (Array.isArray(ids)) {
        if (single || ids.length === 0) throw new BusinessError(C.BAD_PARAMETER, '参数错误: leads_id');
        return ids.map((id) => this.byId(id));
      }
      return [this.byId(ids)];
    }
    const rule = body['rule'];
    if (!rule || typeof rule !== 'object') {
      throw new BusinessError(C.BAD_PARAMETER, '参数错误: 线索id和rule不能同时为空');
    }
    const { Email: email, MobilePhone: phone } = rule as Body;
    if ((typeof email !== 'string' || email === '') && (typeof phone !== 'string' || phone === '')) {
      throw new BusinessError(C.BAD_PARAMETER, '参数错误: rule的Email和MobilePhone不能同时为空');
    }
    const found = this.leads.filter(
      (l) =>
        (typeof phone !== 'string' || phone === '' || compactPhone(l.MobilePhone) === compactPhone(phone)) &&
        (typeof email !== 'string' || email === '' || l.Email.toLowerCase() === email.toLowerCase()),
    );
    if (found.length === 0) throw this.leadNotFound();
    return single ? found.slice(0, 1) : found;
  }

  private byId(id: unknown): BesSeedLead {
    const numeric = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
    if (!isPositiveInt(numeric)) throw new BusinessError(C.BAD_PARAMETER, '参数错误: leads_id');
    const lead = this.leads.find((l) => l.leads_id === numeric);
    if (!lead) throw this.leadNotFound();
    return lead;
  }

  private leadNotFound(): BusinessError {
    const { code, msg } = NOT_FOUND_ANSWERS[this.dialect.notFound];
    return new BusinessError(code, msg);
  }

  private byPhone(phone: string): BesSeedLead | undefined {
    return this.leads.find((l) => compactPhone(l.MobilePhone) === compactPhone(phone));
  }

  private byEmail(email: string): BesSeedLead | undefined {
    return this.leads.find((l) => l.Email !== '' && l.Email.toLowerCase() === email.toLowerCase());
  }

  /** The flat create/edit fields present in a body, checked. */
  private leadFields(body: Body): Partial<BesSeedLead> {
    const fields: Partial<BesSeedLead> = {};
    for (const name of ['FullName', 'MobilePhone', 'Email', 'Company', 'Street'] as const) {
      const value = body[name];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') throw new BusinessError(C.BAD_PARAMETER, `参数错误: ${name}`);
      fields[name] = value.trim();
    }
    if (fields.Email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.Email)) {
      throw new BusinessError(C.BAD_PARAMETER, '参数错误: Email格式不正确');
    }
    if (fields.MobilePhone && !/^\+?[\d\s\-()]{6,20}$/.test(fields.MobilePhone)) {
      throw new BusinessError(C.BAD_PARAMETER, '参数错误: MobilePhone格式不正确');
    }
    const owner = body['LeadOwner'];
    if (owner !== undefined && owner !== null && owner !== '') {
      const ownerId = scalarText(owner);
      if (!this.users.some((u) => u.user_id === ownerId)) throw new BusinessError(C.USER_NOT_FOUND, '用户不存在');
      fields.LeadOwner = ownerId;
    }
    const address = body['Address'];
    if (address !== undefined && address !== null) {
      if (typeof address !== 'object') throw new BusinessError(C.BAD_PARAMETER, '参数错误: Address');
      const a = address as Body;
      const text = (k: string) => (typeof a[k] === 'string' ? a[k] : '');
      fields.Address = { province: text('province'), city: text('city'), area: text('area'), value: text('value') };
    }
    return fields;
  }

  /** A lead as leads-details shows it: `{leads_id, list: [group {…, child: [field]}]}`. */
  private render(lead: BesSeedLead): unknown {
    return {
      leads_id: String(lead.leads_id),
      list: BES_FIELD_GROUPS.map((group) => ({
        display_name: group.display_name,
        field_name: group.field_name,
        field_type: '',
        options: [],
        is_option: 1,
        num_range: null,
        is_required: 1,
        value: '',
        display_value: '',
        display_type: '',
        is_edit: 1,
        child: group.child.map((field) => this.renderField(field, lead)),
      })),
    };
  }

  /** A lead as a flat list record: the create/edit fields that every lead has, and its times. */
  private renderFlat(lead: BesSeedLead): unknown {
    const owner = this.users.find((u) => u.user_id === lead.LeadOwner);
    return {
      leads_id: lead.leads_id,
      FullName: lead.FullName,
      MobilePhone: lead.MobilePhone,
      Email: lead.Email,
      Company: lead.Company,
      LeadOwner: this.dialect.flatOwner === 'label' ? (owner?.name ?? '') : lead.LeadOwner,
      create_time: FLAT_RECORD_TIME,
      update_time: FLAT_RECORD_TIME,
    };
  }

  private renderField(field: BesSeedField, lead: BesSeedLead): Record<string, unknown> {
    const base = {
      display_name: field.display_name,
      field_name: field.field_name,
      field_type: field.field_type,
      options:
        field.field_name === 'LeadOwner'
          ? this.users.map((u) => ({ label: u.name, value: u.user_id }))
          : (field.options ?? []),
      is_option: 1,
      num_range: field.field_type === 'Text' ? { min: '', max: '' } : null,
      is_required: field.is_required,
      display_type: field.display_type,
      is_edit: 1,
    };
    if (field.field_type === 'Address') {
      const address: BesSeedAddress = lead.Address;
      return {
        ...base,
        value: address,
        display_value: address.value,
        display_values: `|${address.province}|${address.city}|${address.area}||`,
      };
    }
    const stored = (lead as unknown as Record<string, unknown>)[field.field_name] ?? lead.fields[field.field_name];
    const value = scalarText(stored);
    return { ...base, value, display_value: value };
  }
}

function asBody(body: unknown): Body {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};
}

/** A string or number as text; anything else as ''. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** `YYYY-MM-DD HH:mm:ss` in Beijing time (UTC+8, no daylight saving). */
function beijingTime(epochMs: number): string {
  return new Date(epochMs + 8 * 60 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}
