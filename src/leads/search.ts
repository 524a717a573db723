// searchLeads: every vendor asked at once, each bounded by its own timeout; one vendor's
// failure becomes that vendor's outcome, never the whole answer's.
import type { CountryCode } from 'libphonenumber-js/max';
import { TaskCancelledError, TimeoutStrategy, timeout } from 'cockatiel';
import { GraphQLError } from 'graphql';
import type { LeadModel, LeadSearchModel, Vendor, VendorOutcome } from '../model/models.js';
import type { DataSources } from '../datasources/index.js';
import { BadUserInputError, UpstreamError, clientMessage, errorCodeOf, outcomeStatusFor } from '../errors.js';
import { parseEmailInput, parsePhoneInput } from '../model/normalize.js';
import { ALL_VENDORS, vendorName } from '../model/vendors.js';
import { LEAD_VENDORS } from '../datasources/registry.js';

export interface SearchArgs {
  phone?: string | null;
  email?: string | null;
  vendors?: readonly Vendor[] | null;
}

/** Keys already normalised: an E.164 phone, a lower-cased email. */
export interface SearchKeys {
  phone: string | null;
  email: string | null;
  /** Vendors to ask; every enabled lead vendor when absent. */
  vendors?: readonly Vendor[] | null;
}

/** Checks and normalises the client's keys (BAD_USER_INPUT before any vendor call), then searches. */
export function searchLeads(dataSources: DataSources, args: SearchArgs): Promise<LeadSearchModel> {
  return searchByKeys(dataSources, parseSearchKeys(args, dataSources.defaultPhoneRegion));
}

export function parseSearchKeys(args: SearchArgs, defaultRegion: CountryCode): SearchKeys {
  if (!args.phone && !args.email) throw new BadUserInputError('Give a phone, an email, or both', 'phone');
  // Normalised here, once; each datasource turns E.164 into the form its vendor expects.
  const phone = args.phone ? parsePhoneInput(args.phone, defaultRegion) : null;
  const email = args.email ? parseEmailInput(args.email) : null;
  return { phone, email, vendors: args.vendors ?? null };
}

/** The fan-out itself, over keys that are already normalised. */
export async function searchByKeys(dataSources: DataSources, keys: SearchKeys): Promise<LeadSearchModel> {
  const asked = new Set(keys.vendors ?? LEAD_VENDORS.filter((v) => dataSources.isEnabled(v)));
  const vendors = ALL_VENDORS.filter((v) => asked.has(v));

  const answers = await Promise.all(vendors.map((vendor) => searchVendor(dataSources, vendor, keys.phone, keys.email)));
  const leads = new Map<string, LeadModel>();
  for (const answer of answers) for (const lead of answer.leads) leads.set(lead.id, lead);
  return { leads: [...leads.values()], outcomes: answers.map((a) => a.outcome) };
}

async function searchVendor(
  dataSources: DataSources,
  vendor: Vendor,
  phone: string | null,
  email: string | null,
): Promise<{ leads: LeadModel[]; outcome: VendorOutcome }> {
  const started = performance.now();
  const outcome = (fields: Partial<VendorOutcome> & Pick<VendorOutcome, 'status'>): VendorOutcome => ({
    vendor,
    leadCount: 0,
    code: null,
    message: null,
    durationMs: Math.round(performance.now() - started),
    ...fields,
  });
  try {
    const source = dataSources.leadSource(vendor);
    const lookups: Promise<LeadModel[]>[] = [];
    if (phone && source.findByPhone) lookups.push(source.findByPhone(phone));
    if (email && source.findByEmail) lookups.push(source.findByEmail(email));
    if (lookups.length === 0) {
      const key = [phone && 'phone', email && 'email'].filter(Boolean).join(' or ');
      return {
        leads: [],
        outcome: outcome({
          status: 'UNSUPPORTED',
          code: 'UNSUPPORTED',
          message: `${vendorName(vendor)} cannot look leads up by ${key}`,
          durationMs: 0,
        }),
      };
    }
    const results = await withinBudget(Promise.all(lookups), dataSources.timeoutMsOf(vendor), vendor);
    const found = new Map(results.flat().map((lead) => [lead.id, lead]));
    const leads = [...found.values()];
    return { leads, outcome: outcome({ status: leads.length > 0 ? 'OK' : 'NOT_FOUND', leadCount: leads.length }) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) {
      // A bug, not a vendor answer: logged in full, reported without internals.
      dataSources.operation.logger.error({ err: error, vendor }, 'unexpected error while searching a vendor');
      return {
        leads: [],
        outcome: outcome({ status: 'ERROR', code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' }),
      };
    }
    return {
      leads: [],
      outcome: outcome({
        status: outcomeStatusFor(error),
        code: errorCodeOf(error),
        message: clientMessage(error, dataSources.maskVendorMessages),
      }),
    };
  }
}

/**
 * Bounds one vendor's whole lookup (a token call and the search may each take up to the
 * vendor's timeout on their own): past it the vendor's outcome is TIMEOUT, whatever is still
 * in flight is left to the HTTP client's own deadline.
 */
async function withinBudget<T>(work: Promise<T>, budgetMs: number, vendor: Vendor): Promise<T> {
  try {
    return await timeout(budgetMs, TimeoutStrategy.Aggressive).execute(() => work);
  } catch (error) {
    if (!(error instanceof TaskCancelledError)) throw error;
    throw new UpstreamError('UPSTREAM_TIMEOUT', `${vendorName(vendor)} did not answer within ${budgetMs} ms`, {
      vendor,
    });
  }
}
