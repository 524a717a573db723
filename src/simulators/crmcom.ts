// CRM.COM R5 as its API page and public facts describe it, under `/crmapi/rest/v2`:
//   POST authentication/token {username, password, organisation, unit?} → data {token}
//   GET  leads/show?token=&lead_identifier=id=X|number=N&fields_set=a,b
//   GET  leads/list?token=&contact_information_identifier=…&number_of_results=&offset=&fields_set=
// Every answer is `{data, status: {code, description, message}}`; `status.code` other than `OK` is
// an error. A token expires after one hour without use (R5; R12's two hours flat is not simulated).
//
// Where the material is silent, this simulator CHOOSES (the one place these choices are written):
// - Business errors come with HTTP 200 and these status codes: INVALID_LOGIN (bad credentials),
//   INVALID_TOKEN (unknown or expired token), NOT_FOUND (no such lead), MISSING_PARAMETER and
//   INVALID_PARAMETER (a bad or absent identifier, paging value); GENERAL_ERROR under load
//   (`busyIn200`), and UNEXPECTED_ERROR for a failure of no known kind (`errorIn200`).
// - The documents show no error answer whole, so the simulator speaks each plausible dialect
//   (`dialect`, switchable per test): `data: null` on errors (the default), no `data` member at
//   all, or `data: {}`; and a `leads/list` filter that matches nothing answers `data: []` (the
//   default) or a NOT_FOUND status.
// - `fields_set` names top-level fields; unknown names are ignored.
// - `leads/list` filters by `contact_information_identifier` of the form `email=<address>`
//   (case-insensitive) or `phone=<number>` (digits compared, so `+573136434030` matches
//   "(+57) 313-6434030"; a stored national number matches on its trailing digits).
//   `number_of_results` defaults to 50 and `offset` to 0; leads come in seed order; no total.
// - Switches for the guesses only a real CRM.COM settles (the vendor check's): a contact filter
//   that is ignored, and a `fields_set` that is ignored.
import { randomBytes } from 'node:crypto';
import { CRMCOM_LEADS, type CrmComSeedLead } from './crmcom-seed.js';
import { SimulatorServer, json, type Route, type SimRequest, type SimResponse } from './server.js';

export const CRMCOM_API_PREFIX = '/crmapi/rest/v2';
const IDLE_EXPIRY_MS = 60 * 60_000;

/** How an error answer carries `data`. */
export type CrmComErrorData = 'null' | 'absent' | 'empty-object';
/** How a filtered `leads/list` that matches nothing answers. */
export type CrmComEmptySearch = 'empty-list' | 'not-found';

export interface CrmComDialect {
  errorData: CrmComErrorData;
  emptySearch: CrmComEmptySearch;
  /** `ignored`: `leads/list` answers every lead whatever the contact filter says (the vendor check's guess to settle). */
  contactFilter?: 'honoured' | 'ignored';
  /** `ignored`: `leads/show` and `leads/list` answer every field whatever `fields_set` says. */
  fieldsSet?: 'honoured' | 'ignored';
}

export const CRMCOM_DEFAULT_DIALECT: CrmComDialect = { errorData: 'null', emptySearch: 'empty-list' };

/** Every error-data form, for tests that run a path in each. */
export const CRMCOM_ERROR_DATA_DIALECTS: readonly CrmComErrorData[] = ['null', 'absent', 'empty-object'];

export interface CrmComCredentials {
  username: string;
  password: string;
  organisation: string;
}

interface IssuedToken {
  lastUsedAt: number;
}

export class CrmComSimulator extends SimulatorServer {
  readonly leads: CrmComSeedLead[] = structuredClone(CRMCOM_LEADS);
  /** The simulator's clock; tests replace it to age tokens. */
  now: () => number = Date.now;
  /** Fault switch: when false, every token is answered INVALID_TOKEN (logins still succeed). */
  acceptTokens = true;
  /** Dialect switch: how errors and empty searches are answered (see the top of this file). */
  dialect: CrmComDialect = { ...CRMCOM_DEFAULT_DIALECT };
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    readonly credentials: CrmComCredentials = {
      username: 'leadgraph',
      password: 'crmcom-simulator-password',
      organisation: 'Lead Graph Org',
    },
  ) {
    super();
  }

  /** The base URL clients use (ends with `/crmapi/rest/v2`). */
  get apiUrl(): string {
    return `${this.url}${CRMCOM_API_PREFIX}`;
  }

  /** Every token issued so far stops working, as after an hour idle. */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** How many tokens are currently valid. */
  get activeTokens(): number {
    return this.tokens.size;
  }

  /** A status other than OK, with `data` as the current dialect has it. */
  errorIn200(message: string): SimResponse {
    return this.failure('UNEXPECTED_ERROR', message);
  }

  /** CRM.COM under load: its busy status (for `inject({ response })`). */
  busyIn200(): SimResponse {
    return this.failure('GENERAL_ERROR', 'The system cannot process the request now, try again later');
  }

  protected routes(): Route[] {
    return [
      { method: 'POST', path: `${CRMCOM_API_PREFIX}/authentication/token`, handle: (r) => this.login(r) },
      { method: 'GET', path: `${CRMCOM_API_PREFIX}/leads/show`, handle: (r) => this.authorized(r, () => this.show(r)) },
      { method: 'GET', path: `${CRMCOM_API_PREFIX}/leads/list`, handle: (r) => this.authorized(r, () => this.list(r)) },
    ];
  }

  private login(request: SimRequest): SimResponse {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { username, password, organisation } = this.credentials;
    if (body['username'] !== username || body['password'] !== password || body['organisation'] !== organisation) {
      return this.failure('INVALID_LOGIN', 'Invalid username, password or organisation');
    }
    const token = randomBytes(16).toString('hex').toUpperCase();
    this.tokens.set(token, { lastUsedAt: this.now() });
    return ok({ token });
  }

  private authorized(request: SimRequest, next: () => SimResponse): SimResponse {
    const token = request.query.get('token') ?? '';
    const issued = this.tokens.get(token);
    if (issued && this.now() - issued.lastUsedAt > IDLE_EXPIRY_MS) this.tokens.delete(token);
    if (!issued || !this.tokens.has(token) || !this.acceptTokens) {
      return this.failure('INVALID_TOKEN', 'The token is invalid or has expired');
    }
    issued.lastUsedAt = this.now();
    return next();
  }

  private show(request: SimRequest): SimResponse {
    const identifier = request.query.get('lead_identifier');
    if (!identifier) return this.failure('MISSING_PARAMETER', 'lead_identifier is mandatory');
    const match = /^(id|number)=(.+)$/.exec(identifier);
    if (!match) return this.failure('INVALID_PARAMETER', 'lead_identifier allows id or number');
    const [, name, value] = match as unknown as [string, 'id' | 'number', string];
    const lead = this.leads.find((l) => l[name] === value);
    if (!lead) return this.failure('NOT_FOUND', `No lead found with ${name} ${value}`);
    return ok(pick(lead, this.fieldsSet(request)));
  }

  private list(request: SimRequest): SimResponse {
    const limit = paging(request.query.get('number_of_results'), 50);
    const offset = paging(request.query.get('offset'), 0);
    if (limit === undefined || offset === undefined) {
      return this.failure('INVALID_PARAMETER', 'number_of_results and offset must be whole numbers');
    }
    let leads = this.leads;
    const identifier = request.query.get('contact_information_identifier');
    if (identifier && this.dialect.contactFilter !== 'ignored') {
      const match = /^(email|phone)=(.+)$/.exec(identifier);
      if (!match) return this.failure('INVALID_PARAMETER', 'contact_information_identifier allows email or phone');
      const [, name, value] = match as unknown as [string, 'email' | 'phone', string];
      leads = leads.filter((l) => (name === 'email' ? sameEmail(l, value) : samePhone(l, value)));
      if (leads.length === 0 && this.dialect.emptySearch === 'not-found') {
        return this.failure('NOT_FOUND', `No lead found with ${name} ${value}`);
      }
    }
    const fields = this.fieldsSet(request);
    return ok(leads.slice(offset, offset + limit).map((l) => pick(l, fields)));
  }

  private fieldsSet(request: SimRequest): string | null {
    return this.dialect.fieldsSet === 'ignored' ? null : request.query.get('fields_set');
  }

  private failure(code: string, message: string): SimResponse {
    const status = { code, description: message, message };
    switch (this.dialect.errorData) {
      case 'absent':
        return json(200, { status });
      case 'empty-object':
        return json(200, { data: {}, status });
      case 'null':
        return json(200, { data: null, status });
    }
  }
}

function ok(data: unknown): SimResponse {
  return json(200, { data, status: { code: 'OK', description: '', message: '' } });
}

function pick(lead: CrmComSeedLead, fieldsSet: string | null): Record<string, unknown> {
  if (!fieldsSet) return lead;
  const wanted = new Set(fieldsSet.split(',').map((f) => f.trim()));
  return Object.fromEntries(Object.entries(lead).filter(([name]) => wanted.has(name)));
}

function paging(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

function sameEmail(lead: CrmComSeedLead, email: string): boolean {
  const stored = lead['contact_email'];
  return typeof stored === 'string' && stored.toLowerCase() === email.toLowerCase();
}

function samePhone(lead: CrmComSeedLead, phone: string): boolean {
  const stored = typeof lead['contact_phone'] === 'string' ? lead['contact_phone'].replace(/\D/g, '') : '';
  const asked = phone.replace(/\D/g, '');
  if (stored.length < 7 || asked.length < 7) return false;
  return stored.length >= asked.length ? stored.endsWith(asked) : asked.endsWith(stored);
}
