// LeanCore's Lead JSON, checked with zod, and its mapping to our Lead model.
import type { CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { toGlobalId } from '../../model/ids.js';
import type { LeadModel } from '../../model/models.js';
import { normalizeEmail, normalizePhone } from '../../model/normalize.js';
import { optionalVendorNumber } from '../shared/payload.js';

/** Every LeanCore path, in one place, so a correction never touches logic. */
export const LEANCORE_PATHS = {
  leadByPhone: 'lead',
  assignLeadToFinancialEntity: 'assign-lead-to-financial-entity',
} as const;

const text = z.string().nullish();
/** A JSON object that a PHP back end sends as `[]` when it is empty. */
const objectOrEmptyList = z
  .union([z.record(z.string(), z.unknown()), z.array(z.never()).length(0)])
  .nullish()
  .transform((v) => (v == null || Array.isArray(v) ? null : v));

// Only `id` is required: the page marks several fields optional and real payloads drop more.
// Numbers may come as numeric strings, empty objects as `[]`; unknown members stay in remoteData.
export const leanCoreLeadSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  image: text,
  name: text,
  lastname: text,
  business_name: text,
  quota: optionalVendorNumber,
  status: text,
  phone: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null ? null : String(v))),
  email: text,
  nit: text,
  address: text,
  history: z.array(z.unknown()).nullish(),
  score: optionalVendorNumber,
  payment_data: objectOrEmptyList,
  apn_token: text,
  ecosystem: text,
  business_entity: text,
  additional_data: objectOrEmptyList,
});
export type LeanCoreLead = z.infer<typeof leanCoreLeadSchema>;

/**
 * LeanCore's ids carry the phone (LeanCore can find a lead by phone only), sealed so that no id
 * shows it (decision 0111): `phonePart` is the sealed phone the datasource gives.
 */
export function leanCoreLeadKey(leadId: string, phonePart: string): string {
  return `${leadId}:${phonePart}`;
}

export function mapLeanCoreLead(
  lead: LeanCoreLead,
  raw: unknown,
  phonePart: string,
  defaultRegion: CountryCode,
): LeadModel {
  const fullName = [lead.name, lead.lastname].filter(Boolean).join(' ') || null;
  const customFields = [
    field('nit', 'NIT', lead.nit),
    field('quota', 'Cuota', lead.quota),
    field('ecosystem', 'Ecosistema', lead.ecosystem),
    field('image', 'Imagen', lead.image),
    ...Object.entries(lead.additional_data ?? {}).map(([name, value]) => field(name, null, value)),
  ].filter((f) => f.rawValue !== null && f.rawValue !== undefined);

  return {
    id: toGlobalId('LEANCORE', leanCoreLeadKey(lead.id, phonePart)),
    vendor: 'LEANCORE',
    remoteId: lead.id,
    firstName: lead.name ?? null,
    lastName: lead.lastname ?? null,
    fullName,
    companyName: lead.business_name || null,
    email: normalizeEmail(lead.email),
    phone: normalizePhone(lead.phone, { defaultRegion, bareDigitsAreInternational: true }),
    status: lead.status ?? null,
    score: lead.score ?? null,
    address: lead.address ? { formatted: lead.address } : null,
    owner: null,
    // LeanCore reports the entity a lead is assigned to as `business_entity`.
    financialEntity: lead.business_entity ? { id: lead.business_entity, ecosystem: lead.ecosystem ?? null } : null,
    customFields,
    remoteData: raw,
  };
}

function field(name: string, label: string | null, value: unknown) {
  const display =
    value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);
  return { name, label, type: null, value: display, rawValue: value };
}
