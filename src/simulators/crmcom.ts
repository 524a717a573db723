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
//   INVALID_PARAMETER (a bad or absent identifier, paging value). `data` is null on errors.
// - `fields_set` names top-level fields; unknown names are ignored.
// - `leads/list` filters by `contact_information_identifier` of the form `email=<address>`
//   (case-insensitive) or `phone=<number>` (digits compared, so `+573136434030` matches
//   "(+57) 313-6434030"; a stored national number matches on its trailing digits).
//   `number_of_results` defaults to 50 and `offset` to 0; leads come in seed order; no total.
import { randomBytes } from 'node:crypto';
import { CRMCOM_LEADS, type CrmComSeedLead } from './crmcom-seed.js';
import { SimulatorServer, json, type Route, type SimRequest, type SimResponse } from './server.js';

export const CRMCOM_API_PREFIX = '/crmapi/rest/v2';
const IDLE_EXPIRY_MS = 60 * 60_000;

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
      return failure('INVALID_LOGIN', 'Invalid username, password or organisation');
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
      return failure('INVALID_TOKEN', 'The token is invalid or has expired');
    }
    issued.lastUsedAt = this.now();
    return next();
  }

  private show(request: SimRequest): SimResponse {
    const identifier = request.query.get('lead_identifier');
    if (!identifier) return failure('MISSING_PARAMETER', 'lead_identifier is mandatory');
    const match = /^(id|number)=(.+)$/.exec(identifier);
    if (!match) return failure('INVALID_PARAMETER', 'lead_identifier allows id or number');
    const [, name, value] = match as unknown as [string, 'id' | 'number', string];
    const lead = this.leads.find((l) => l[name] === value);
    if (!lead) return failure('NOT_FOUND', `No lead found with ${name} ${value}`);
    return ok(pick(lead, request.query.get('fields_set')));
  }

  private list(request: SimRequest): SimResponse {
    const limit = paging(request.query.get('number_of_results'), 50);
    const offset = paging(request.query.get('offset'), 0);
    if (limit === undefined || offset === undefined) {
      return failure('INVALID_PARAMETER', 'number_of_results and offset must be whole numbers');
    }
    let leads = this.leads;
    const identifier = request.query.get('contact_information_identifier');
    if (identifier) {
      const match = /^(email|phone)=(.+)$/.exec(identifier);
      if (!match) return failure('INVALID_PARAMETER', 'contact_information_identifier allows email or phone');
      const [, name, value] = match as unknown as [string, 'email' | 'phone', string];
      leads = leads.filter((l) => (name === 'email' ? sameEmail(l, value) : samePhone(l, value)));
    }
    const fields = request.query.get('fields_set');
    return ok(leads.slice(offset, offset + limit).map((l) => pick(l, fields)));
  }
}

function ok(data: unknown): SimResponse {
  return json(200, { data, status: { code: 'OK', description: '', message: '' } });
}

function failure(code: string, message: string): SimResponse {
  return json(200, { data: null, status: { code, description: message, message } });
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
