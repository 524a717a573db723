// CRM.COM R5's envelope and lead JSON, checked with zod, and the mapping to our Lead model.
// Every field is optional: `fields_set` leaves out what was not asked for.
import type { CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { CrmComLeadDetails, CrmComProductLine, CrmComReference, LeadModel } from '../../model/models.js';
import { toGlobalId } from '../../model/ids.js';
import { normalizeEmail, normalizePhone } from '../../model/normalize.js';
import { optionalVendorNumber } from '../shared/payload.js';

/** Every CRM.COM path, relative to the base URL (`…/crmapi/rest/v2`), in one place. */
export const CRMCOM_PATHS = {
  login: 'authentication/token',
  leadShow: 'leads/show',
  leadList: 'leads/list',
} as const;

/** The `leads/list` filter on the contact, `<key>=<value>` (see the simulator's choices). */
export const CRMCOM_CONTACT_FILTER = {
  param: 'contact_information_identifier',
  phone: 'phone',
  email: 'email',
} as const;

/** The user-defined fields of a CRM.COM lead; they become `customFields`. */
export const CRMCOM_UDF_FIELDS: readonly string[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `udf_string_${n}`),
  ...[1, 2, 3, 4].map((n) => `udf_float_${n}`),
  ...[1, 2, 3, 4].map((n) => `udf_date_${n}`),
];

const text = z.string().nullish();
const idText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null ? null : String(v)));

export const crmComStatusSchema = z.looseObject({
  code: z.string().min(1),
  message: text,
  description: text,
});
export type CrmComStatus = z.infer<typeof crmComStatusSchema>;

/**
 * `{data, status}`: every CRM.COM answer. Only `status` is certain: an error answer may carry
 * `data: null` or no `data` at all, so the status is judged before `data` is read.
 */
export const crmComEnvelopeSchema = z.looseObject({ data: z.unknown().optional(), status: crmComStatusSchema });
export type CrmComEnvelope = z.infer<typeof crmComEnvelopeSchema>;

/**
 * How an answer whose status is not OK carries `data` (crmComEnvelopeSchema accepts each):
 * `null`, not at all, or `{}`; `other` for anything else (still read: only the status counts).
 */
export function crmComErrorDataDialect(
  envelope: Record<string, unknown>,
): 'null' | 'absent' | 'empty-object' | 'other' {
  if (!('data' in envelope) || envelope['data'] === undefined) return 'absent';
  const data = envelope['data'];
  if (data === null) return 'null';
  const isEmptyObject = typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0;
  return isEmptyObject ? 'empty-object' : 'other';
}

export const crmComTokenSchema = z.looseObject({ token: z.string().min(1) });

const reference = z
  .looseObject({ id: idText, name: text, code: text, alternative_code: text, description: text })
  .nullish();
const user = z.looseObject({ id: idText, username: text, person_name: text, email: text }).nullish();
const productType = z
  .looseObject({ id: idText, name: text, alternative_code: text, description: text, classification: text })
  .nullish();
const productLine = z.looseObject({
  id: idText,
  product: z
    .looseObject({ id: idText, code: text, alternative_code: text, description: text, product_type: productType })
    .nullish(),
  product_type: productType,
  product_family: reference,
  product_brand: reference,
});
const contactInformation = z
  .looseObject({
    id: idText,
    type: text,
    life_cycle_state: text,
    first_name: text,
    middle_name: text,
    last_name: text,
    name: text,
    company_name: text,
    demographics: z
      .looseObject({
        country_of_residence: z.looseObject({ name: text, two_character_code: text }).nullish(),
      })
      .nullish(),
  })
  .nullish();
/** Some fields are a plain value in one release and a named record in another. */
const textOrNamed = z
  .union([z.string(), z.looseObject({ name: text })])
  .nullish()
  .transform((v) => (v == null ? null : typeof v === 'string' ? v : (v.name ?? null)));

export const crmComLeadSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  number: idText,
  contact_information: contactInformation,
  contact_email: text,
  contact_phone: text,
  status: reference,
  life_cycle_state: text,
  category: reference,
  type: reference,
  lead_source: z.looseObject({ type: text, recommended_by_employee: user, recommended_by_user: user }).nullish(),
  priority: optionalVendorNumber,
  importance: text,
  assigned_to: z.looseObject({ unit: reference, user }).nullish(),
  owned_by_group: reference,
  start_date: text,
  expected_completion_date: text,
  actual_completion_date: text,
  target_amount: optionalVendorNumber,
  probability_to_win: optionalVendorNumber,
  lost_reason: textOrNamed,
  description: text,
  privacy_level: textOrNamed,
  products_set: z.array(productLine).nullish(),
  services_set: z.array(productLine).nullish(),
  physical_goods_set: z.array(productLine).nullish(),
  competitors_set: z
    .array(
      z.looseObject({
        id: idText,
        competitor: z.looseObject({ id: idText, name: text, description: text }).nullish(),
      }),
    )
    .nullish(),
  log_information: z.looseObject({ created_date: text, updated_date: text }).nullish(),
});
export type CrmComLead = z.infer<typeof crmComLeadSchema>;

/** A list's `data`; `null` or no `data` in an OK answer is an empty list. */
export const crmComLeadListSchema = z
  .array(z.unknown())
  .nullish()
  .transform((leads) => leads ?? []);

export function mapCrmComLead(lead: CrmComLead, raw: unknown, defaultRegion: CountryCode): LeadModel {
  const contact = lead.contact_information;
  const personName = [contact?.first_name, contact?.middle_name, contact?.last_name].filter(Boolean).join(' ');
  const isCompany = contact?.type === 'COMPANY';
  const country = contact?.demographics?.country_of_residence?.name ?? null;
  const assignedUser = lead.assigned_to?.user;
  return {
    id: toGlobalId('CRMCOM', lead.id),
    vendor: 'CRMCOM',
    remoteId: lead.id,
    firstName: contact?.first_name ?? null,
    lastName: contact?.last_name ?? null,
    fullName: personName || contact?.name || null,
    companyName: contact?.company_name ?? (isCompany ? (contact.name ?? null) : null),
    email: normalizeEmail(lead.contact_email),
    phone: normalizePhone(lead.contact_phone, { defaultRegion }),
    status: lead.status?.name ?? null,
    score: lead.probability_to_win ?? null,
    address: country ? { formatted: null, street: null, city: null, region: null, country } : null,
    owner: assignedUser
      ? {
          id: assignedUser.id,
          name: assignedUser.person_name ?? assignedUser.username ?? null,
          email: assignedUser.email ?? null,
        }
      : null,
    financialEntity: null,
    customFields: udfFields(raw),
    remoteData: raw,
    crmcom: details(lead),
  };
}

function details(lead: CrmComLead): CrmComLeadDetails {
  const source = lead.lead_source;
  const recommendedBy = source?.recommended_by_employee ?? source?.recommended_by_user;
  return {
    number: lead.number,
    lifeCycleState: lead.life_cycle_state ?? null,
    statusDetails: toReference(lead.status),
    category: toReference(lead.category),
    type: toReference(lead.type),
    source: source ? { type: source.type ?? null, recommendedBy: toUser(recommendedBy) } : null,
    priority: lead.priority ?? null,
    importance: lead.importance ?? null,
    assignedUser: toUser(lead.assigned_to?.user),
    assignedUnit: toReference(lead.assigned_to?.unit),
    ownedByGroup: toReference(lead.owned_by_group),
    startDate: lead.start_date ?? null,
    expectedCompletionDate: lead.expected_completion_date ?? null,
    actualCompletionDate: lead.actual_completion_date ?? null,
    targetAmount: lead.target_amount ?? null,
    probabilityToWin: lead.probability_to_win ?? null,
    lostReason: lead.lost_reason,
    description: lead.description ?? null,
    privacyLevel: lead.privacy_level,
    contactType: lead.contact_information?.type ?? null,
    contactLifeCycleState: lead.contact_information?.life_cycle_state ?? null,
    productsSet: (lead.products_set ?? []).map(toProductLine),
    servicesSet: (lead.services_set ?? []).map(toProductLine),
    physicalGoodsSet: (lead.physical_goods_set ?? []).map(toProductLine),
    competitors: (lead.competitors_set ?? []).flatMap((c) => {
      const reference = toReference(c.competitor);
      return reference ? [reference] : [];
    }),
    createdAt: lead.log_information?.created_date ?? null,
    updatedAt: lead.log_information?.updated_date ?? null,
  };
}

type Ref = z.infer<typeof reference>;
type ProductLine = z.infer<typeof productLine>;

function toReference(ref: Ref | z.infer<typeof productType>): CrmComReference | null {
  if (!ref) return null;
  const code = 'code' in ref && typeof ref.code === 'string' ? ref.code : null;
  return {
    id: ref.id,
    name: ref.name ?? null,
    code: ref.alternative_code ?? code,
    description: ref.description ?? null,
  };
}

function toUser(u: z.infer<typeof user>) {
  return u
    ? { id: u.id, username: u.username ?? null, personName: u.person_name ?? null, email: u.email ?? null }
    : null;
}

function toProductLine(line: ProductLine): CrmComProductLine {
  const product = line.product;
  return {
    id: line.id,
    // A product has no name: its code is what CRM.COM shows for it.
    product: product
      ? {
          id: product.id,
          name: product.code ?? null,
          code: product.alternative_code ?? null,
          description: product.description ?? null,
        }
      : null,
    productType: toReference(line.product_type),
    productFamily: toReference(line.product_family),
    productBrand: toReference(line.product_brand),
    classification: line.product_type?.classification ?? product?.product_type?.classification ?? null,
  };
}

/** `udf_*` fields that hold a value, as custom fields (their type read from the name). */
function udfFields(raw: unknown): LeadModel['customFields'] {
  if (!raw || typeof raw !== 'object') return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([name, value]) => name.startsWith('udf_') && value !== null && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([name, value]) => ({
      name,
      label: null,
      type: /^udf_([a-z]+)_/.exec(name)?.[1] ?? null,
      value: typeof value === 'string' ? value : JSON.stringify(value),
      rawValue: value,
    }));
}
