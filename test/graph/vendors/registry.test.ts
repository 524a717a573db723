// The vendor registry is complete: one module per value of the schema's `Vendor` enum, in its
// order, each declaring everything config, wiring, `Query.vendors` and the simulators read, and
// each offering for a request exactly the capabilities it declares.
import { isEnumType } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { VENDOR_MODULES } from '../../../src/datasources/registry.js';
import { createLogger } from '../../../src/logger.js';
import { ALL_VENDORS, VENDORS } from '../../../src/model/vendors.js';
import { newOperation } from '../../../src/request/operation.js';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadTypeDefs } from '../../../src/schema.js';
import { useTestGraph } from '../../support/graph.js';

const schemaVendors = (() => {
  const type = buildSubgraphSchema({ typeDefs: loadTypeDefs() }).getType('Vendor');
  if (!type || !isEnumType(type)) throw new Error('the schema has no Vendor enum');
  return type.getValues().map((value) => value.name);
})();

describe('the vendor registry', () => {
  it('has one module per value of the schema’s Vendor enum, in its order (the model’s too)', () => {
    expect(VENDOR_MODULES.map((m) => m.vendor)).toEqual(schemaVendors);
    expect(ALL_VENDORS).toEqual(schemaVendors);
  });

  it('gives every vendor a distinct config key, id prefix, variable prefix and name', () => {
    for (const values of [
      VENDOR_MODULES.map((m) => m.configKey),
      VENDOR_MODULES.map((m) => m.variables.prefix),
      ALL_VENDORS.map((v) => VENDORS[v].idPrefix),
      ALL_VENDORS.map((v) => VENDORS[v].name),
    ]) {
      expect(new Set(values).size).toBe(VENDOR_MODULES.length);
    }
  });

  it.each(VENDOR_MODULES.map((m) => [m.vendor, m] as const))('declares everything for %s', (_vendor, module) => {
    expect(module.configKey).toMatch(/^[a-z]+$/);
    expect(module.variables.prefix).toBe(module.configKey.toUpperCase());
    expect(module.variables.required.length).toBeGreaterThan(0);
    for (const name of module.variables.required) expect(Object.keys(module.variables.schema)).toContain(name);
    for (const name of Object.keys(module.variables.schema))
      expect(name.startsWith(`${module.variables.prefix}_`)).toBe(true);
    expect(Object.keys(module.capabilities).sort()).toEqual(
      ['distributionTotals', 'list', 'lookupByEmail', 'lookupById', 'lookupByPhone', 'writes'].sort(),
    );
    expect(typeof module.assignsToFinancialEntity).toBe('boolean');
    expect(typeof module.holdsLeads).toBe('boolean');
    expect(module.holdsLeads).toBe(module.capabilities.lookupById);
    expect(module.rateLimit === null || module.rateLimit.requests > 0).toBe(true);
    expect(typeof module.probe).toBe('function');
    expect(typeof module.variables.toEnv).toBe('function');
    expect(typeof module.createClient).toBe('function');
    expect(typeof module.createDataSource).toBe('function');
    expect(typeof module.simulator.start).toBe('function');
    expect(typeof module.simulator.settings).toBe('function');
  });

  it('reads each vendor’s variables into its settings, and needs all of its required ones', () => {
    for (const module of VENDOR_MODULES) {
      const env = Object.fromEntries(
        module.variables.required.map((name) => [
          name,
          name.endsWith('_URL') ? 'https://vendor.example.com/crmapi/rest/v2' : 'a-secret-value',
        ]),
      );
      expect(loadConfig(env).vendors).toHaveProperty(module.configKey);
      const [first, ...rest] = module.variables.required;
      if (rest.length > 0) {
        expect(() => loadConfig({ ...env, [first!]: '' })).toThrow(`${first} must be set too`);
      }
    }
  });
});

describe('each vendor’s datasource offers what its module declares', () => {
  const t = useTestGraph();
  const operation = newOperation(createLogger('silent'), 'registry-test', { timeoutMs: 5_000, maxVendorCalls: 10 });
  afterAll(() => operation.budget.finish());

  it.each(VENDOR_MODULES.map((m) => [m.vendor, m] as const))('%s', (vendor, module) => {
    const source = t.graph.clients.dataSourceOf(vendor, operation);
    expect(source).toBeDefined();
    // As configured: settings may turn capabilities off (CRM.COM's contact search).
    const capabilities = t.graph.clients.describe().find((info) => info.vendor === vendor)!.capabilities;
    expect(source?.leads !== undefined).toBe(capabilities.lookupById);
    expect(typeof source?.leads?.findByPhone === 'function').toBe(capabilities.lookupByPhone);
    expect(typeof source?.leads?.findByEmail === 'function').toBe(capabilities.lookupByEmail);
    expect(typeof source?.leads?.listLeads === 'function').toBe(capabilities.list);
    // `writes`: leads can be created, changed or assigned through this graph.
    expect(source?.editor !== undefined || source?.financialEntities !== undefined).toBe(capabilities.writes);
    expect(source?.distributionTotals !== undefined).toBe(capabilities.distributionTotals);
    expect(source?.financialEntities !== undefined).toBe(module.assignsToFinancialEntity);
    for (const capability of Object.values(source ?? {})) expect(capability).toHaveProperty('vendor', vendor);
  });
});
