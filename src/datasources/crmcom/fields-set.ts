// `fields_set` push-down: from the Lead fields a GraphQL selection asks for (see
// src/resolvers/selection.ts) to the CRM.COM top-level lead fields `leads/show` must return.
import { CRMCOM_UDF_FIELDS } from './mapping.js';

/** Top-level CRM.COM fields to ask for, or ALL (send no `fields_set`). */
export type CrmComFieldsSet = ReadonlySet<string> | 'ALL';

/** Always asked for: the global id is built from it. */
const ALWAYS = ['id'] as const;

/**
 * Where each field of `Lead` (and of `Lead.crmcom`) comes from in a CRM.COM lead. A field
 * missing here makes the whole lead be fetched (never a silent null), and a test checks that
 * every field of the schema is here.
 */
export const CRMCOM_FIELD_SOURCES: Record<string, readonly string[] | 'ALL'> = {
  id: ['id'],
  vendor: [],
  remoteId: ['id'],
  firstName: ['contact_information'],
  lastName: ['contact_information'],
  fullName: ['contact_information'],
  companyName: ['contact_information'],
  email: ['contact_email'],
  phone: ['contact_phone'],
  status: ['status'],
  score: ['probability_to_win'],
  address: ['contact_information'],
  owner: ['assigned_to'],
  financialEntity: [],
  // The lead itself can be one of its person's leads, whose fields the selection below `person`
  // decides: fetch it whole rather than hand back a part-fetched lead there.
  person: 'ALL',
  // Remarks come from another call, which needs the id only.
  remarks: [],
  customFields: CRMCOM_UDF_FIELDS,
  remoteData: 'ALL',
  crmcom: [],
  'crmcom.number': ['number'],
  'crmcom.lifeCycleState': ['life_cycle_state'],
  'crmcom.statusDetails': ['status'],
  'crmcom.category': ['category'],
  'crmcom.type': ['type'],
  'crmcom.source': ['lead_source'],
  'crmcom.priority': ['priority'],
  'crmcom.importance': ['importance'],
  'crmcom.assignedUser': ['assigned_to'],
  'crmcom.assignedUnit': ['assigned_to'],
  'crmcom.ownedByGroup': ['owned_by_group'],
  'crmcom.startDate': ['start_date'],
  'crmcom.expectedCompletionDate': ['expected_completion_date'],
  'crmcom.actualCompletionDate': ['actual_completion_date'],
  'crmcom.targetAmount': ['target_amount'],
  'crmcom.probabilityToWin': ['probability_to_win'],
  'crmcom.lostReason': ['lost_reason'],
  'crmcom.description': ['description'],
  'crmcom.privacyLevel': ['privacy_level'],
  'crmcom.contactType': ['contact_information'],
  'crmcom.contactLifeCycleState': ['contact_information'],
  'crmcom.productsSet': ['products_set'],
  'crmcom.servicesSet': ['services_set'],
  'crmcom.physicalGoodsSet': ['physical_goods_set'],
  'crmcom.competitors': ['competitors_set'],
  'crmcom.createdAt': ['log_information'],
  'crmcom.updatedAt': ['log_information'],
};

/**
 * The CRM.COM fields needed for the selected Lead field paths. Nested paths count as their
 * top field (`owner.name` → `owner`), except under `crmcom`, whose own fields each have a source.
 * No selection at all (a caller that cannot tell) means ALL.
 */
export function crmComFieldsFor(selected: ReadonlySet<string> | undefined): CrmComFieldsSet {
  if (!selected) return 'ALL';
  const fields = new Set<string>(ALWAYS);
  for (const path of selected) {
    const segments = path.split('.');
    const key = segments[0] === 'crmcom' && segments.length > 1 ? `crmcom.${segments[1]}` : segments[0];
    const sources = key === undefined ? undefined : CRMCOM_FIELD_SOURCES[key];
    if (sources === undefined || sources === 'ALL') return 'ALL';
    for (const source of sources) fields.add(source);
  }
  return fields;
}

/** One set covering all of them (what one `leads/show` call for several loads asks for). */
export function mergeFieldsSets(sets: Iterable<CrmComFieldsSet>): CrmComFieldsSet {
  const merged = new Set<string>();
  for (const set of sets) {
    if (set === 'ALL') return 'ALL';
    for (const field of set) merged.add(field);
  }
  return merged;
}

/** Whether what was fetched with `have` holds everything `want` needs. */
export function coversFieldsSet(have: CrmComFieldsSet, want: CrmComFieldsSet): boolean {
  if (have === 'ALL') return true;
  if (want === 'ALL') return false;
  return [...want].every((field) => have.has(field));
}

/** The `fields_set` query value (sorted, so equal sets read the same), or undefined for ALL. */
export function fieldsSetParam(set: CrmComFieldsSet): string | undefined {
  return set === 'ALL' ? undefined : [...set].sort().join(',');
}
