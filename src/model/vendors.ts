// The one table of vendors: everything that differs by vendor but is not its API (names, id
// prefixes, where its settings live, what this graph can do with it) is read from here.
import type { Vendor, VendorCapabilities, VendorRateLimit } from './models.js';
import type { VendorConfigs } from '../config.js';

export interface VendorEntry {
  /** As people write it, in messages. */
  name: string;
  /** The start of its global lead ids (`leancore:…`). */
  idPrefix: string;
  /** Where its settings are in `Config.vendors`. */
  configKey: keyof VendorConfigs;
  /** What this graph can do with it. */
  capabilities: VendorCapabilities;
  /** Its documented rate limit; null when it documents none. */
  rateLimit: VendorRateLimit | null;
  /** Whether it holds leads (searched when the client names no vendor). */
  holdsLeads: boolean;
}

const NOTHING: VendorCapabilities = {
  lookupById: false,
  lookupByPhone: false,
  lookupByEmail: false,
  list: false,
  writes: false,
  distributionTotals: false,
};

/** In vendor precedence (the `Vendor` enum's order). */
export const VENDORS: Readonly<Record<Vendor, VendorEntry>> = {
  LEANCORE: {
    name: 'LeanCore',
    idPrefix: 'leancore',
    configKey: 'leancore',
    capabilities: { ...NOTHING, lookupById: true, lookupByPhone: true, writes: true },
    rateLimit: null,
    holdsLeads: true,
  },
  BESCHANNELS: {
    name: 'BesChannels',
    idPrefix: 'beschannels',
    configKey: 'beschannels',
    capabilities: { ...NOTHING, lookupById: true, lookupByPhone: true, lookupByEmail: true, list: true, writes: true },
    rateLimit: null,
    holdsLeads: true,
  },
  CRMCOM: {
    name: 'CRM.COM',
    idPrefix: 'crmcom',
    configKey: 'crmcom',
    capabilities: { ...NOTHING, lookupById: true, lookupByPhone: true, lookupByEmail: true, list: true },
    rateLimit: null,
    holdsLeads: true,
  },
  ZEN: {
    name: 'Zen',
    idPrefix: 'zen',
    configKey: 'zen',
    capabilities: { ...NOTHING, distributionTotals: true },
    // Zen's page: "Uma requisição a cada 5 minutos", answered with HTTP 429 otherwise.
    rateLimit: { requests: 1, perSeconds: 300, description: 'One lead-distribution request every 5 minutes' },
    holdsLeads: false,
  },
};

/** Every vendor, in precedence order. */
export const ALL_VENDORS = Object.keys(VENDORS) as readonly Vendor[];

/** Vendors that hold leads; searched (when enabled) when the client names none. */
export const LEAD_VENDORS: readonly Vendor[] = ALL_VENDORS.filter((vendor) => VENDORS[vendor].holdsLeads);

export function vendorName(vendor: Vendor): string {
  return VENDORS[vendor].name;
}
