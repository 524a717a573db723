// CRM.COM's sequence: a login; leads/show for an id that cannot exist; the leads/list contact
// filter for a phone and an email that cannot exist; one list page; a leads/show with a narrow
// fields_set. CRM.COM keeps no remarks. Every call is a GET read, or the login.
import type { CrmComConfig } from './api.js';
import { CRMCOM_ERRORS, crmComError, crmComLoginBody } from './api.js';
import { fieldsSetParam } from './fields-set.js';
import {
  CRMCOM_CONTACT_FILTER,
  CRMCOM_PATHS,
  crmComEnvelopeSchema,
  crmComErrorDataDialect,
  crmComLeadListSchema,
  crmComLeadSchema,
  crmComTokenSchema,
} from './mapping.js';
import { IMPOSSIBLE, SEND_TRANSCRIPT, httpRefusal, notJson, unknownShape } from '../../vendor-check/judge.js';
import type { Judgement, ProbeAnswer, ProbeStep, StepContext, VendorProbe } from '../../vendor-check/probe.js';

/** Which setting turns the phone and email search on (off by default: issue 25's guess). */
const CRMCOM_CONTACT_SEARCH_SETTING = 'CRMCOM_CONTACT_SEARCH';

const NO_SUCH_LEAD = 'id=vendor-check-no-such-lead';
/** What the narrow leads/show asks for. */
const NARROW_FIELDS = new Set(['id', 'number']);
const LIST_PAGE_SIZE = 2;

const CREDENTIALS = 'CRMCOM_USERNAME, CRMCOM_PASSWORD, CRMCOM_ORGANISATION and CRMCOM_UNIT';
const PATH = 'CRMCOM_BASE_URL (it must end with /crmapi/rest/v2)';

interface Envelope {
  code: string;
  data: unknown;
  raw: Record<string, unknown>;
  envelope: string;
}

/** The `{data, status}` envelope, or the judgement of an answer without it. */
function open(answer: ProbeAnswer): Envelope | Judgement {
  const refused = httpRefusal(answer, { credentials: CREDENTIALS, path: PATH }) ?? notJson(answer);
  if (refused) return refused;
  const parsed = crmComEnvelopeSchema.safeParse(answer.body);
  if (!parsed.success) {
    return unknownShape('answered without the {data, status} envelope', answer.body, {
      advice: `check ${PATH}; if it is right, ${SEND_TRANSCRIPT}`,
    });
  }
  const { status, data } = parsed.data;
  return { code: status.code, data, raw: parsed.data, envelope: `status.code=${status.code}` };
}

/** A status other than OK that is not "no such lead": refused credentials, or a failure we name. */
function failure({ code, envelope }: Envelope, what: string): Judgement {
  const error = crmComError({ vendorCode: code, message: '' });
  if (error.code === 'UPSTREAM_UNAUTHORIZED') {
    return { verdict: 'failed', envelope, note: 'refused our credentials', advice: `check ${CREDENTIALS}` };
  }
  const known = CRMCOM_ERRORS[code] !== undefined;
  return {
    verdict: known ? 'failed' : 'unknown-shape',
    envelope,
    note: `${what} failed with status ${code}${known ? ` (${error.code})` : ', which our table does not know'}`,
    advice: known
      ? `check ${PATH}`
      : `add ${code} to CRMCOM_ERRORS (src/datasources/crmcom/api.ts), or ${SEND_TRANSCRIPT}`,
  };
}

/** How "no such lead" carries `data`: null is what we expect first; absent or `{}` the adapter reads too. */
function notFound(opened: Envelope): Judgement {
  const dialect = `NOT_FOUND, data ${crmComErrorDataDialect(opened.raw)}`;
  const expected = crmComErrorDataDialect(opened.raw) === 'null';
  return {
    verdict: expected ? 'confirmed' : 'fallback',
    envelope: opened.envelope,
    dialect,
    note: expected
      ? 'no such lead is status NOT_FOUND with data null'
      : 'no such lead is status NOT_FOUND, read through a fallback',
  };
}

function isNotFound(code: string): boolean {
  return crmComError({ vendorCode: code, message: '' }).code === 'NOT_FOUND';
}

export function crmComProbe(config: CrmComConfig): VendorProbe {
  const get = async (context: StepContext, path: string, params: Record<string, string | number>) => {
    const token = context.state.token;
    if (token === undefined) return undefined;
    return context.call({ method: 'GET', path, searchParams: { token, ...params } });
  };
  const noToken = { skip: 'no token (see the token step)' };
  // The contact filter counts against the exit code only where CRMCOM_CONTACT_SEARCH turned it on.
  const reliesOnContactFilter = config.contactSearch === true;

  const contactFilter = (name: string, filter: string, value: string): ProbeStep => ({
    name,
    capability: `the leads/list contact filter (${CRMCOM_CONTACT_FILTER.param}=${filter}=…)`,
    reliedOn: reliesOnContactFilter,
    async run(context) {
      const answer = await get(context, CRMCOM_PATHS.leadList, {
        [CRMCOM_CONTACT_FILTER.param]: `${filter}=${value}`,
        number_of_results: LIST_PAGE_SIZE,
      });
      if (!answer) return noToken;
      const opened = open(answer);
      if (!('code' in opened)) return opened;
      const turnOn = `set ${CRMCOM_CONTACT_SEARCH_SETTING}=true to search CRM.COM by phone and email`;
      const keepOff = `keep ${CRMCOM_CONTACT_SEARCH_SETTING} off`;
      if (isNotFound(opened.code)) {
        return {
          ...notFound(opened),
          verdict: 'fallback',
          note: 'the filter is honoured: nothing found is a NOT_FOUND status',
          advice: turnOn,
        };
      }
      if (opened.code !== 'OK') return { ...failure(opened, 'the filter'), advice: `${keepOff}; ${SEND_TRANSCRIPT}` };
      const leads = crmComLeadListSchema.safeParse(opened.data);
      if (!leads.success) {
        return unknownShape('answered a list the adapter cannot read', opened.data, {
          envelope: opened.envelope,
          advice: `${keepOff}; ${SEND_TRANSCRIPT}`,
        });
      }
      if (leads.data.length > 0) {
        return {
          verdict: 'failed',
          envelope: opened.envelope,
          dialect: 'filter ignored',
          note: `answered ${leads.data.length} lead(s) for a ${filter} no lead can have: the filter is not honoured`,
          advice: `${keepOff}; ${SEND_TRANSCRIPT}`,
        };
      }
      return {
        verdict: 'confirmed',
        envelope: opened.envelope,
        dialect: 'empty list',
        note: 'the filter is honoured: nothing found is an empty list',
        advice: turnOn,
      };
    },
  });

  return {
    vendor: 'CRMCOM',
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    secrets: [config.username, config.password, config.organisation, ...(config.unit ? [config.unit] : [])],
    startupSteps: 2,
    steps: [
      {
        name: 'token',
        capability: 'logging in',
        reliedOn: true,
        async run({ call, state, addSecret }) {
          const opened = open(await call({ method: 'POST', path: CRMCOM_PATHS.login, json: crmComLoginBody(config) }));
          if (!('code' in opened)) return opened;
          if (opened.code !== 'OK') return failure(opened, 'the login');
          const token = crmComTokenSchema.safeParse(opened.data);
          if (!token.success) {
            return unknownShape('issued a token in a shape the adapter cannot read', opened.data, {
              envelope: opened.envelope,
            });
          }
          addSecret(token.data.token);
          state.token = token.data.token;
          return { verdict: 'confirmed', envelope: opened.envelope, dialect: 'token', note: 'logged in' };
        },
      },
      {
        name: 'lookupById',
        capability: 'a lead id that does not exist',
        reliedOn: true,
        async run(context) {
          const answer = await get(context, CRMCOM_PATHS.leadShow, { lead_identifier: NO_SUCH_LEAD });
          if (!answer) return noToken;
          const opened = open(answer);
          if (!('code' in opened)) return opened;
          if (isNotFound(opened.code)) return notFound(opened);
          if (opened.code === 'OK') {
            return {
              verdict: 'failed',
              envelope: opened.envelope,
              note: 'answered a lead for an id that cannot exist',
              advice: SEND_TRANSCRIPT,
            };
          }
          return failure(opened, 'leads/show');
        },
      },
      contactFilter('lookupByPhone', CRMCOM_CONTACT_FILTER.phone, IMPOSSIBLE.phone),
      contactFilter('lookupByEmail', CRMCOM_CONTACT_FILTER.email, IMPOSSIBLE.email),
      {
        name: 'list',
        capability: 'a page of leads/list and its lead shape',
        reliedOn: true,
        async run(context) {
          const answer = await get(context, CRMCOM_PATHS.leadList, { number_of_results: LIST_PAGE_SIZE, offset: 0 });
          if (!answer) return noToken;
          const opened = open(answer);
          if (!('code' in opened)) return opened;
          if (opened.code !== 'OK') return failure(opened, 'leads/list');
          const leads = crmComLeadListSchema.safeParse(opened.data);
          const unknown = leads.success
            ? leads.data.find((lead) => !crmComLeadSchema.safeParse(lead).success)
            : opened.data;
          if (!leads.success || unknown !== undefined) {
            const note = leads.success
              ? 'answered leads the adapter cannot read'
              : 'answered a list the adapter cannot read';
            return unknownShape(note, unknown, { envelope: opened.envelope });
          }
          const first = crmComLeadSchema.safeParse(leads.data[0]);
          if (first.success) context.state.leadId = first.data.id;
          const isArray = Array.isArray(opened.data);
          return {
            verdict: isArray ? 'confirmed' : 'fallback',
            envelope: opened.envelope,
            dialect: isArray ? 'lead array' : 'no data (an empty list)',
            note: leads.data.length === 0 ? 'the list answers; it held no lead to judge' : 'leads read',
          };
        },
      },
      {
        name: 'fieldsSet',
        capability: 'leads/show honouring a narrow fields_set',
        // The adapter reads what it needs either way; an ignored fields_set only costs bigger answers.
        reliedOn: false,
        async run(context) {
          const leadId = context.state.leadId;
          if (leadId === undefined) return { skip: 'no lead seen in the list page' };
          const answer = await get(context, CRMCOM_PATHS.leadShow, {
            lead_identifier: `id=${leadId}`,
            fields_set: fieldsSetParam(NARROW_FIELDS) ?? '',
          });
          if (!answer) return noToken;
          const opened = open(answer);
          if (!('code' in opened)) return opened;
          if (opened.code !== 'OK') return failure(opened, 'leads/show');
          const lead = crmComLeadSchema.safeParse(opened.data);
          if (!lead.success) {
            return unknownShape('answered a lead the adapter cannot read', opened.data, { envelope: opened.envelope });
          }
          const extra = Object.keys(opened.data as object).filter((key) => !NARROW_FIELDS.has(key));
          return extra.length === 0
            ? {
                verdict: 'confirmed',
                envelope: opened.envelope,
                dialect: 'honoured',
                note: 'only the fields asked for came back',
              }
            : {
                verdict: 'fallback',
                envelope: opened.envelope,
                dialect: 'ignored',
                note: `${extra.length} field(s) more than asked came back: the adapter still reads what it needs, in bigger answers`,
              };
        },
      },
    ],
  };
}
