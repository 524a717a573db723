// The unified lead-write input, checked and normalised before any vendor is called: every
// problem is BAD_USER_INPUT naming the field (`input.email`, `input.address.street`…).
import type { CountryCode } from 'libphonenumber-js/max';
import type { CreateLeadInput, UpdateLeadInput } from '../__generated__/resolvers-types.js';
import type { LeadFields, NewLead } from '../model/contract.js';
import { BadUserInputError } from '../errors.js';
import { parseEmailInput, parsePhoneInput } from '../model/normalize.js';

/** Names and company. */
const MAX_TEXT = 200;
const MAX_LONG_TEXT = 500;

export function parseLeadFields(
  input: CreateLeadInput | UpdateLeadInput,
  defaultRegion: CountryCode,
  prefix = 'input',
): LeadFields {
  const fields: LeadFields = {};
  const text = (value: string | null | undefined, field: string, max = MAX_TEXT): string | undefined => {
    if (value === null || value === undefined) return undefined;
    const trimmed = value.trim();
    if (trimmed.length > max) throw new BadUserInputError(`${field} is longer than ${max} characters`, field);
    return trimmed;
  };

  const fullName = text(input.fullName, `${prefix}.fullName`);
  const firstName = text(input.firstName, `${prefix}.firstName`);
  const lastName = text(input.lastName, `${prefix}.lastName`);
  if (fullName !== undefined) fields.fullName = fullName;
  else if (firstName !== undefined || lastName !== undefined) {
    fields.fullName = [firstName, lastName].filter(Boolean).join(' ');
  }
  if (input.email !== null && input.email !== undefined) {
    fields.email = parseEmailInput(input.email, `${prefix}.email`);
  }
  if (input.phone !== null && input.phone !== undefined) {
    fields.phone = parsePhoneInput(input.phone, defaultRegion, `${prefix}.phone`);
  }
  const companyName = text(input.companyName, `${prefix}.companyName`);
  if (companyName !== undefined) fields.companyName = companyName;
  if (input.address) {
    const a = input.address;
    const at = `${prefix}.address`;
    const address = {
      formatted: text(a.formatted, `${at}.formatted`, MAX_LONG_TEXT),
      street: text(a.street, `${at}.street`, MAX_LONG_TEXT),
      city: text(a.city, `${at}.city`),
      region: text(a.region, `${at}.region`),
      country: text(a.country, `${at}.country`),
    };
    fields.address = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== undefined));
  }
  return fields;
}

export function parseNewLead(input: CreateLeadInput, defaultRegion: CountryCode): NewLead {
  const lead: NewLead = parseLeadFields(input, defaultRegion);
  if (input.ownerId !== null && input.ownerId !== undefined) {
    lead.ownerId = parseOwnerId(input.ownerId, 'input.ownerId');
  }
  return lead;
}

export function parseLeadChanges(input: UpdateLeadInput, defaultRegion: CountryCode): LeadFields {
  const changes = parseLeadFields(input, defaultRegion);
  if (Object.keys(changes).length === 0) throw new BadUserInputError('Give at least one field to change', 'input');
  return changes;
}

export function parseOwnerId(raw: string, field = 'ownerId'): string {
  const ownerId = raw.trim();
  if (ownerId === '' || ownerId.length > 64) throw new BadUserInputError(`${field} must be a CRM user id`, field);
  return ownerId;
}

/** `maxLength` is the vendor's (LeadEditor.maxRemarkLength). */
export function parseRemarkContent(raw: string, maxLength: number, field = 'content'): string {
  const content = raw.trim();
  if (content === '') throw new BadUserInputError('A remark cannot be empty', field);
  if (content.length > maxLength) {
    throw new BadUserInputError(`A remark is at most ${maxLength} characters`, field);
  }
  return content;
}
