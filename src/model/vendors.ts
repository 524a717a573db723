// Each vendor's identity, as the contract shows it: the `Vendor` enum's values in precedence
// order, the name messages give it, and the prefix of its global lead ids. Everything else about
// a vendor (settings, client, capabilities, rate limit, simulator) is its module's, listed in
// src/datasources/registry.ts; test/graph/vendors/registry.test.ts holds the two against the SDL.
// Kept here, below the registry, because errors, ids and the operation budget name vendors and
// the vendor modules import them: a table read from the registry would close an import circle.
import type { Vendor } from './models.js';

export interface VendorIdentity {
  /** As people write it, in messages. */
  name: string;
  /** The start of its global lead ids (`leancore:…`). */
  idPrefix: string;
}

/** In vendor precedence (the `Vendor` enum's order). */
export const VENDORS: Readonly<Record<Vendor, VendorIdentity>> = {
  LEANCORE: { name: 'LeanCore', idPrefix: 'leancore' },
  BESCHANNELS: { name: 'BesChannels', idPrefix: 'beschannels' },
  CRMCOM: { name: 'CRM.COM', idPrefix: 'crmcom' },
  ZEN: { name: 'Zen', idPrefix: 'zen' },
};

/** Every vendor, in precedence order. */
export const ALL_VENDORS = Object.keys(VENDORS) as readonly Vendor[];

export function vendorName(vendor: Vendor): string {
  return VENDORS[vendor].name;
}
