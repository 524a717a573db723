// BesChannels' sequence: a token; details for an id, a phone and an email that cannot exist;
// one list page; one remarks list. Assignment and add-remark are writes: never called here.
import type { BesChannelsConfig } from './api.js';
import { BESCHANNELS_ERRORS, besChannelsError, besChannelsTokenRequest } from './api.js';
import {
  BESCHANNELS_PATHS,
  besChannelsListItemDialect,
  besChannelsListTotalDialect,
  envelopeSchema,
  leadIdSchema,
  leadListSchema,
  remarkListSchema,
  toBesChannelsPhone,
  tokenSchema,
} from './mapping.js';
import { IMPOSSIBLE, SEND_TRANSCRIPT, httpRefusal, notJson, unknownShape } from '../../vendor-check/judge.js';
import type { Judgement, ProbeAnswer, ProbeStep, StepContext, VendorProbe } from '../../vendor-check/probe.js';

/** The largest `leads_id` the adapter accepts: no BesChannels account holds this many leads. */
const NO_SUCH_LEADS_ID = 999_999_999_999_999;
const LIST_PAGE_SIZE = 5;

const CREDENTIALS = 'BESCHANNELS_APP_ID and BESCHANNELS_APP_SECRET';
const pathSetting = (name: keyof typeof BESCHANNELS_PATHS) =>
  `BESCHANNELS_PATHS.${name} (src/datasources/beschannels/mapping.ts) and BESCHANNELS_BASE_URL`;

type Opened = { data: unknown; envelope: string } | { judgement: Judgement };

/** The `{code, msg, data}` envelope: its data when code is 0, else how the failure reads. */
function open(answer: ProbeAnswer, path: keyof typeof BESCHANNELS_PATHS): Opened {
  const refused = httpRefusal(answer, { credentials: CREDENTIALS, path: pathSetting(path) }) ?? notJson(answer);
  if (refused) return { judgement: refused };
  const parsed = envelopeSchema.safeParse(answer.body);
  if (!parsed.success) {
    return {
      judgement: unknownShape('answered without the {code, msg, data} envelope', answer.body, {
        advice: `check ${pathSetting(path)}; if they are right, ${SEND_TRANSCRIPT}`,
      }),
    };
  }
  const envelope = `code=${parsed.data.code}`;
  if (parsed.data.code === 0) return { data: parsed.data.data, envelope };
  const error = besChannelsError({ vendorCode: parsed.data.code, message: parsed.data.msg ?? '' });
  if (error.tokenRejected || error.code === 'UPSTREAM_UNAUTHORIZED') {
    return {
      judgement: { verdict: 'failed', envelope, note: 'refused our credentials', advice: `check ${CREDENTIALS}` },
    };
  }
  return {
    judgement: {
      verdict: 'failed',
      envelope,
      dialect: error.code,
      note: `failed with code ${parsed.data.code} (${error.code})`,
      advice: `check ${pathSetting(path)}; if they are right, ${SEND_TRANSCRIPT}`,
    },
  };
}

/** A lookup that must find nothing: how "no such lead" reads decides the verdict. */
function judgeNotFound(answer: ProbeAnswer, path: keyof typeof BESCHANNELS_PATHS): Judgement {
  const refused = httpRefusal(answer, { credentials: CREDENTIALS, path: pathSetting(path) }) ?? notJson(answer);
  if (refused) return refused;
  const parsed = envelopeSchema.safeParse(answer.body);
  if (!parsed.success) {
    return unknownShape('answered without the {code, msg, data} envelope', answer.body);
  }
  const { code, msg } = parsed.data;
  const envelope = `code=${code}`;
  if (code === 0) {
    return {
      verdict: 'failed',
      envelope,
      note: 'answered success for a lead that cannot exist',
      advice: `check ${pathSetting(path)}; ${SEND_TRANSCRIPT}`,
    };
  }
  const error = besChannelsError({ vendorCode: code, message: msg ?? '' });
  if (error.code === 'NOT_FOUND') {
    const known = BESCHANNELS_ERRORS[code] !== undefined;
    return known
      ? {
          verdict: 'confirmed',
          envelope,
          dialect: 'known-code',
          note: `no such lead is code ${code}, as our table says`,
        }
      : {
          verdict: 'fallback',
          envelope,
          dialect: 'message',
          note: `no such lead is code ${code}, not in our table: recognised by its message`,
          advice: `add ${code} to BESCHANNELS_ERRORS (src/datasources/beschannels/api.ts) as NOT_FOUND`,
        };
  }
  if (error.tokenRejected || error.code === 'UPSTREAM_UNAUTHORIZED') {
    return { verdict: 'failed', envelope, note: 'refused our credentials', advice: `check ${CREDENTIALS}` };
  }
  return unknownShape(
    `no such lead came as code ${code}, which our table does not know and whose message does not say "not found" (read as ${error.code})`,
    answer.body,
    {
      envelope,
      advice: `add ${code} to BESCHANNELS_ERRORS (src/datasources/beschannels/api.ts), or ${SEND_TRANSCRIPT}`,
    },
  );
}

export function besChannelsProbe(config: BesChannelsConfig): VendorProbe {
  const tokenRequest = besChannelsTokenRequest(config);
  /** A POST with the token the first step issued; skipped without one. */
  const post = async (context: StepContext, path: keyof typeof BESCHANNELS_PATHS, json: unknown) => {
    const token = context.state.token;
    if (token === undefined) return undefined;
    return context.call({ method: 'POST', path: BESCHANNELS_PATHS[path], json, searchParams: { access_token: token } });
  };
  const noToken = { skip: 'no access token (see the token step)' };
  const lookup = (name: string, capability: string, body: unknown): ProbeStep => ({
    name,
    capability,
    reliedOn: true,
    async run(context) {
      const answer = await post(context, 'details', body);
      return answer ? judgeNotFound(answer, 'details') : noToken;
    },
  });

  return {
    vendor: 'BESCHANNELS',
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    secrets: [config.appId, config.appSecret],
    startupSteps: 2,
    steps: [
      {
        name: 'token',
        capability: 'issuing an access token',
        reliedOn: true,
        async run({ call, state, addSecret }) {
          const opened = open(await call({ method: 'POST', ...tokenRequest }), 'token');
          if ('judgement' in opened) return opened.judgement;
          const token = tokenSchema.safeParse(opened.data);
          if (!token.success) {
            return unknownShape('issued a token in a shape the adapter cannot read', opened.data, {
              envelope: opened.envelope,
            });
          }
          addSecret(token.data.access_token);
          state.token = token.data.access_token;
          return { verdict: 'confirmed', envelope: opened.envelope, dialect: 'access-token', note: 'token issued' };
        },
      },
      lookup('lookupById', 'a lead id that does not exist', { leads_id: NO_SUCH_LEADS_ID }),
      // The rules the adapter sends (datasource.ts findByPhone / findByEmail).
      lookup('lookupByPhone', 'a phone without a lead', {
        rule: { MobilePhone: toBesChannelsPhone(IMPOSSIBLE.phone), Email: '' },
      }),
      lookup('lookupByEmail', 'an email without a lead', { rule: { MobilePhone: '', Email: IMPOSSIBLE.email } }),
      {
        name: 'list',
        capability: `the list path (${BESCHANNELS_PATHS.list}) and its item shape`,
        reliedOn: true,
        async run(context) {
          const answer = await post(context, 'list', { page: 1, page_size: LIST_PAGE_SIZE });
          if (!answer) return noToken;
          const opened = open(answer, 'list');
          if ('judgement' in opened) return opened.judgement;
          const page = leadListSchema.safeParse(opened.data);
          if (!page.success) {
            return unknownShape('answered a page the adapter cannot read', opened.data, { envelope: opened.envelope });
          }
          // A page without `list` reads as empty to the adapter: here it is a shape to learn.
          if (page.data.list === undefined) {
            return unknownShape('answered a page without a `list` member', opened.data, { envelope: opened.envelope });
          }
          const items = page.data.list ?? [];
          const unknown = items.find((item) => besChannelsListItemDialect(item) === undefined);
          if (unknown !== undefined) {
            return unknownShape('answered list items in a shape the adapter cannot read', unknown, {
              envelope: opened.envelope,
            });
          }
          const firstId = leadIdSchema.safeParse(items[0]);
          if (firstId.success) context.state.leadId = firstId.data.leads_id;
          const itemDialects = [...new Set(items.map(besChannelsListItemDialect))];
          const total = besChannelsListTotalDialect(opened.data);
          const dialect = `items: ${itemDialects.join('+') || 'none on the page'}, total: ${total}`;
          const confirmed = itemDialects.every((d) => d === 'field-list') && total === 'number';
          return {
            verdict: confirmed ? 'confirmed' : 'fallback',
            envelope: opened.envelope,
            dialect,
            note:
              items.length === 0
                ? 'the list path answers; the page held no lead, so the item shape is not judged'
                : confirmed
                  ? 'items are field lists, with a numeric total'
                  : 'the adapter reads this page through a fallback (flat records show no address, status or custom fields)',
          };
        },
      },
      {
        name: 'remarks',
        capability: 'the remarks list',
        reliedOn: true,
        async run(context) {
          // A lead seen in the list page, read only; without one, its answer for a lead that cannot exist.
          const leadsId = context.state.leadId;
          const answer = await post(context, 'remarks', { leads_id: [leadsId ? Number(leadsId) : NO_SUCH_LEADS_ID] });
          if (!answer) return noToken;
          if (!leadsId) return judgeNotFound(answer, 'remarks');
          const opened = open(answer, 'remarks');
          if ('judgement' in opened) return opened.judgement;
          if (!remarkListSchema.safeParse(opened.data).success) {
            return unknownShape('answered remarks the adapter cannot read', opened.data, { envelope: opened.envelope });
          }
          return { verdict: 'confirmed', envelope: opened.envelope, dialect: 'remark-list', note: 'remarks read' };
        },
      },
    ],
  };
}
