// The vendor registry: one line per vendor, in vendor precedence (the `Vendor` enum's order).
// Config reads each vendor's variables from it, the wiring builds clients and datasources from
// it, `Query.vendors` describes it, and the simulators start from it. The only file that imports
// a vendor folder (checked by .dependency-cruiser.cjs).
import type { Vendor } from '../model/models.js';
import { beschannels } from './beschannels/vendor.js';
import { crmcom } from './crmcom/vendor.js';
import { leancore } from './leancore/vendor.js';
import type { VendorCommon, VendorModule } from './vendor-module.js';
import { zen } from './zen/vendor.js';

const MODULES = [leancore, beschannels, crmcom, zen] as const;

/** Every vendor module, in vendor precedence. */
export const VENDOR_MODULES: readonly VendorModule[] = MODULES;

type Modules = (typeof MODULES)[number];

/** Each vendor's settings by its config key (`Config.vendors`): absent when it is not configured. */
export type VendorConfigs = {
  [M in Modules as M['configKey']]?: ReturnType<M['variables']['settings']>;
};

/** Each vendor's running simulator by its config key. */
export type VendorSimulators = {
  [M in Modules as M['configKey']]: Awaited<ReturnType<M['simulator']['start']>>;
};

const BY_VENDOR = new Map<Vendor, VendorModule>(VENDOR_MODULES.map((module) => [module.vendor, module]));

/** The vendor's module. */
export function vendorModule(vendor: Vendor): VendorModule {
  const module = BY_VENDOR.get(vendor);
  if (!module) throw new Error(`${vendor} has no module in src/datasources/registry.ts`);
  return module;
}

/** Vendors that hold leads; searched (when enabled) when the client names none. */
export const LEAD_VENDORS: readonly Vendor[] = VENDOR_MODULES.filter((m) => m.holdsLeads).map((m) => m.vendor);

/** The vendor's settings in `vendors`, when it is configured. */
export function settingsOf(vendors: VendorConfigs, vendor: Vendor): VendorCommon | undefined {
  return (vendors as Partial<Record<string, VendorCommon>>)[vendorModule(vendor).configKey];
}
