// BesChannels' payloads checked with zod, and the mapping of its field list
// (`list[].child[]`) to our Lead model. Field names of BesChannels stop here.
import { z } from 'zod';
import type { LeadAddress, LeadCustomField, LeadModel, LeadOwner } from '../../model/models.js';
import { toGlobalId } from '../../model/ids.js';
import { normalizeEmail, normalizePhone, readPhoneNumber } from '../../model/normalize.js';

/**
 * Every BesChannels path, in one place, so a correction never touches logic. `list`,
 * `assign` and `addRemark` are not in the material we have (see the simulator's header).
 */
export const BESCHANNELS_PATHS = {
  token: 'api/get-access-token',
  list: 'leads/open-api/leads-list',
  details: 'leads/open-api/leads-details',
  create: 'leads/open-api/create-leads',
  edit: 'leads/open-api/edit-leads',
  delete: 'leads/open-api/del-leads',
  remarks: 'leads/open-api/get-remarks-list',
  addRemark: 'leads/open-api/add-remarks',
  assign: 'leads/open-api/leads-assignment',
} as const;

/** BesChannels keeps MobilePhone as typed; a number without a country code is Chinese. */
export const BESCHANNELS_PHONE_REGION = 'CN' as const;

// Every schema here accepts the plausible variants of what the pages show (issue 10): numbers
// as numeric strings, optional members missing, `null` for an empty list; extra members are
// kept (loose objects, and the raw payload stays in remoteData).
const id = z.union([z.string().min(1), z.number()]).transform(String);
const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(Number);
const scalar = z.union([z.string(), z.number()]);

/**
 * `{code, msg, data}`: every BesChannels answer, success or not, HTTP 200. Only `code` is
 * checked here; `data` (absent or null on a failure) is parsed once `code` says success.
 */
export const envelopeSchema = z.looseObject({
  code: z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number),
  msg: scalar.transform(String).nullish(),
  data: z.unknown().optional(),
});
export type BesChannelsEnvelope = z.infer<typeof envelopeSchema>;

export const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  expire_time: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
});

const optionSchema = z.looseObject({
  label: z.union([z.string(), z.number()]).nullish(),
  name: z.union([z.string(), z.number()]).nullish(),
  value: z.union([z.string(), z.number()]).nullish(),
  id: z.union([z.string(), z.number()]).nullish(),
});

const fieldSchema = z.looseObject({
  field_name: z.string().min(1),
  display_name: z.string().nullish(),
  field_type: z.string().nullish(),
  options: z.array(optionSchema).nullish(),
  value: z.unknown().optional(),
  display_value: z.unknown().optional(),
});
export type BesChannelsField = z.infer<typeof fieldSchema>;

const groupSchema = fieldSchema.extend({ child: z.array(fieldSchema).nullish() });

/** A lead as leads-details gives it: its field list, in groups. */
export const leadSchema = z.looseObject({ leads_id: id, list: z.array(groupSchema).nullish() });
export type BesChannelsLead = z.infer<typeof leadSchema>;

/**
 * A list item in the other shape the undocumented list may use: the flat create/edit fields.
 * `LeadOwner` is a user id or the user's name.
 */
export const flatLeadSchema = z.looseObject({
  leads_id: id,
  FullName: scalar.nullish(),
  MobilePhone: scalar.nullish(),
  Email: scalar.nullish(),
  Company: scalar.nullish(),
  LeadOwner: scalar.nullish(),
  create_time: z.string().nullish(),
  update_time: z.string().nullish(),
});
export type BesChannelsFlatLead = z.infer<typeof flatLeadSchema>;

/** Items whose shape is judged one by one (field list or flat record). */
export const leadListSchema = z.looseObject({
  list: z.array(z.unknown()).nullish(),
  total: count.nullish(),
});

export const leadIdSchema = z.looseObject({ leads_id: id });

/**
 * Which of the shapes we know a list item has: the details' field list (what the simulator
 * answers by default) or a flat record; undefined for neither. The adapter and the vendor check
 * both judge items by it.
 */
export function besChannelsListItemDialect(raw: unknown): 'field-list' | 'flat' | undefined {
  const fieldList = leadSchema.safeParse(raw);
  if (fieldList.success && fieldList.data.list) return 'field-list';
  return flatLeadSchema.safeParse(raw).success ? 'flat' : undefined;
}

/** How a list page gives its `total` (leadListSchema reads each): a number, digits, or not at all. */
export function besChannelsListTotalDialect(page: unknown): 'number' | 'string' | 'missing' | undefined {
  const total = page && typeof page === 'object' ? (page as Record<string, unknown>)['total'] : undefined;
  if (total === undefined || total === null) return 'missing';
  if (!count.safeParse(total).success) return undefined;
  return typeof total === 'number' ? 'number' : 'string';
}

export const remarkSchema = z.looseObject({
  id,
  leads_id: id,
  content: scalar.transform(String),
  create_time: z.string().nullish(),
  user_id: scalar.nullish(),
  user_name: z.string().nullish(),
});
export type BesChannelsRemark = z.infer<typeof remarkSchema>;

/** What add-remark may answer instead of the remark: its id, bare or as `{id}`, or nothing. */
export const addedRemarkIdSchema = z.union([
  id,
  z.looseObject({ id }).transform((r) => r.id),
  z.looseObject({ remark_id: id }).transform((r) => r.remark_id),
  z.null().transform(() => null),
  z.undefined().transform(() => null),
]);

export const remarkListSchema = z.looseObject({ list: z.array(remarkSchema).nullish() });

/** The fields that have a place on Lead; every other field becomes a custom field. */
const KNOWN_FIELDS = new Set([
  'FullName',
  'MobilePhone',
  'Email',
  'Company',
  'Address',
  'Street',
  'LeadOwner',
  'LeadStatus',
]);

export function mapBesChannelsLead(lead: BesChannelsLead, raw: unknown): LeadModel {
  // Fields come in groups (system fields, custom fields…); an entry without `child` is a field.
  const fields = (lead.list ?? []).flatMap((group) => group.child ?? [group]);
  const byName = new Map(fields.map((f) => [f.field_name, f]));
  const text = (name: string) => {
    const value = byName.get(name)?.value;
    const trimmed = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    return trimmed === '' ? null : trimmed;
  };
  const status = byName.get('LeadStatus');

  return {
    id: toGlobalId('BESCHANNELS', lead.leads_id),
    vendor: 'BESCHANNELS',
    remoteId: lead.leads_id,
    // One name field; splitting it (Chinese names have no space) would be a guess.
    firstName: null,
    lastName: null,
    fullName: text('FullName'),
    companyName: text('Company'),
    email: normalizeEmail(text('Email')),
    phone: normalizePhone(text('MobilePhone'), { defaultRegion: BESCHANNELS_PHONE_REGION }),
    status: status ? displayText(status) : null,
    score: null,
    address: mapAddress(byName.get('Address'), text('Street')),
    owner: mapOwner(byName.get('LeadOwner')),
    financialEntity: null,
    customFields: fields.filter((f) => !KNOWN_FIELDS.has(f.field_name) && f.field_name !== '').map(customField),
    remoteData: raw,
  };
}

/**
 * A flat list record: only the fields it carries (no address, status or custom fields; the
 * lead by id has them). A LeadOwner of digits is a user id, anything else the user's name.
 */
export function mapBesChannelsFlatLead(lead: BesChannelsFlatLead, raw: unknown): LeadModel {
  const text = (value: string | number | null | undefined) => {
    const trimmed = value === null || value === undefined ? '' : String(value).trim();
    return trimmed === '' ? null : trimmed;
  };
  const owner = text(lead.LeadOwner);
  return {
    id: toGlobalId('BESCHANNELS', lead.leads_id),
    vendor: 'BESCHANNELS',
    remoteId: lead.leads_id,
    firstName: null,
    lastName: null,
    fullName: text(lead.FullName),
    companyName: text(lead.Company),
    email: normalizeEmail(text(lead.Email)),
    phone: normalizePhone(text(lead.MobilePhone), { defaultRegion: BESCHANNELS_PHONE_REGION }),
    status: null,
    score: null,
    address: null,
    owner:
      owner === null
        ? null
        : /^\d+$/.test(owner)
          ? { id: owner, name: null, email: null }
          : { id: null, name: owner, email: null },
    financialEntity: null,
    customFields: [],
    remoteData: raw,
  };
}

/**
 * BesChannels' region picker gives `{province, city, area}` codes and `value`, the names it
 * shows ("北京 房山 "): the names follow the codes in order, so a name stands for a level
 * only when that level's code is set.
 */
function mapAddress(field: BesChannelsField | undefined, street: string | null): LeadAddress | null {
  const value = field?.value;
  const picked = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const str = (k: string) => (typeof picked[k] === 'string' ? picked[k].trim() : '');
  const shown = str('value') || (typeof field?.display_value === 'string' ? field.display_value.trim() : '') || null;
  const names = shown?.split(/\s+/) ?? [];
  const region = str('province') && names.length >= 2 ? (names[0] ?? null) : null;
  const city = str('city') && names.length >= 2 ? (names[1] ?? null) : null;
  const formatted = [shown, street].filter(Boolean).join(', ') || null;
  if (!formatted) return null;
  return { formatted, street, city, region, country: null };
}

function mapOwner(field: BesChannelsField | undefined): LeadOwner | null {
  const value = field?.value;
  const ownerId = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  if (!field || ownerId === '') return null;
  return { id: ownerId, name: optionLabel(field, ownerId) ?? null, email: null };
}

function optionLabel(field: BesChannelsField, value: string): string | undefined {
  const option = field.options?.find((o) => String(o.value ?? o.id ?? '') === value);
  const label = option?.label ?? option?.name;
  return label === null || label === undefined ? undefined : String(label);
}

/** The value as BesChannels would show it: a select's option labels, else `display_value`. */
function displayText(field: BesChannelsField): string | null {
  const { value, display_value: display } = field;
  if (field.options && field.options.length > 0 && (typeof value === 'string' || typeof value === 'number')) {
    const labels = String(value)
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => optionLabel(field, v) ?? v);
    if (labels.length > 0) return labels.join(', ');
  }
  if (typeof display === 'string' && display.trim() !== '') return display.trim();
  if (typeof display === 'number') return String(display);
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (value === null || value === undefined) return null;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function customField(field: BesChannelsField): LeadCustomField {
  return {
    name: field.field_name,
    label: field.display_name || null,
    type: field.field_type || null,
    value: displayText(field),
    rawValue: field.value ?? null,
  };
}

/**
 * Whether a lead read from BesChannels holds every field of a create/edit body as written
 * (reconciliation of a write whose answer never came). Phones compare without spaces, dashes
 * and brackets, emails without case, the address by its display line.
 */
export function showsWrittenFields(written: Record<string, unknown>, lead: LeadModel): boolean {
  const parsed = leadSchema.safeParse(lead.remoteData);
  if (!parsed.success) return false;
  const stored = new Map(
    (parsed.data.list ?? []).flatMap((group) => group.child ?? [group]).map((f) => [f.field_name, f.value]),
  );
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
  const line = (value: unknown) => text(value && typeof value === 'object' ? (value as { value?: unknown }).value : '');
  return Object.entries(written).every(([name, value]) => {
    const held = stored.get(name);
    if (name === 'Address') return line(held) === line(value);
    if (name === 'MobilePhone') return text(held).replace(/[\s\-()]/g, '') === text(value).replace(/[\s\-()]/g, '');
    if (name === 'Email') return text(held).toLowerCase() === text(value).toLowerCase();
    return text(held) === text(value);
  });
}

/**
 * How BesChannels is asked for a phone: Chinese numbers national, as they are typed there
 * ("18610813532"), every other number in E.164 ("+573136434030").
 */
export function toBesChannelsPhone(e164: string): string {
  const parsed = readPhoneNumber(e164);
  return parsed?.country === BESCHANNELS_PHONE_REGION ? parsed.nationalNumber : e164;
}

/** BesChannels' `create_time` is Beijing time without an offset. */
export function parseBesChannelsTime(value: string | null | undefined): Date | null {
  const match = value?.trim().match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
