// Global lead ids: `<vendor prefix>:<vendor key>`. The key is whatever the vendor needs to
// find the lead again (see each vendor's datasource); this module only splits off the prefix.
import { BadUserInputError } from '../errors.js';
import type { Vendor } from './models.js';
import { ALL_VENDORS, VENDORS } from './vendors.js';

const VENDOR_BY_PREFIX = new Map(ALL_VENDORS.map((vendor) => [VENDORS[vendor].idPrefix, vendor]));

export function toGlobalId(vendor: Vendor, key: string): string {
  return `${VENDORS[vendor].idPrefix}:${key}`;
}

export interface ParsedGlobalId {
  vendor: Vendor;
  key: string;
}

export function parseGlobalId(id: string, field = 'id'): ParsedGlobalId {
  const separator = id.indexOf(':');
  const prefix = separator > 0 ? id.slice(0, separator) : '';
  const key = id.slice(separator + 1);
  const vendor = VENDOR_BY_PREFIX.get(prefix.toLowerCase());
  if (!vendor) {
    const known = [...VENDOR_BY_PREFIX.keys()].join(', ');
    throw new BadUserInputError(
      separator > 0
        ? `"${id.slice(0, 60)}" has an unknown vendor prefix "${prefix.slice(0, 20)}" (known: ${known})`
        : `"${id.slice(0, 60)}" is not a lead id: ids look like "<vendor>:<key>" (vendors: ${known})`,
      field,
    );
  }
  if (key.trim() === '') throw new BadUserInputError(`"${id}" has no key after the vendor prefix`, field);
  return { vendor, key };
}
