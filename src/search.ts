// searchLeads: every vendor asked at once, each bounded by its own timeout; one vendor's
// failure becomes that vendor's outcome, never the whole answer's.
import type { CountryCode } from 'libphonenumber-js/max';
import type { VendorOutcome } from './__generated__/resolvers-types.js';
import type { DataSources } from './datasources/index.js';
import { BadUserInputError, errorCodeOf, outcomeStatusFor } from './errors.js';
import { ALL_VENDORS, type LeadModel, type LeadSearchModel, type Vendor } from './models.js';
import { parseEmailInput, parsePhoneInput } from './normalize.js';

/** Vendors that hold leads; searched when the client names none. */
export const LEAD_VENDORS: readonly Vendor[] = ['LEANCORE', 'BESCHANNELS', 'CRMCOM'];

export interface SearchArgs {
  phone?: string | null;
  email?: string | null;
  vendors?: readonly Vendor[] | null;
}

export async function searchLeads(
  dataSources: DataSources,
  args: SearchArgs,
  defaultRegion: CountryCode,
): Promise<LeadSearchModel> {
  if (!args.phone && !args.email) throw new BadUserInputError('Give a phone, an email, or both', 'phone');
  const phone = args.phone ? parsePhoneInput(args.phone, defaultRegion) : null;
  const email = args.email ? parseEmailInput(args.email) : null;
  const asked = new Set(args.vendors ?? LEAD_VENDORS);
  const vendors = ALL_VENDORS.filter((v) => asked.has(v));

  const answers = await Promise.all(vendors.map((vendor) => searchVendor(dataSources, vendor, phone, email)));
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
          message: `cannot look up by ${key}`,
          durationMs: 0,
        }),
      };
    }
    const found = new Map((await Promise.all(lookups)).flat().map((lead) => [lead.id, lead]));
    const leads = [...found.values()];
    return { leads, outcome: outcome({ status: leads.length > 0 ? 'OK' : 'NOT_FOUND', leadCount: leads.length }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { leads: [], outcome: outcome({ status: outcomeStatusFor(error), code: errorCodeOf(error), message }) };
  }
}
