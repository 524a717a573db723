// `npm run schema:print` and composition of our subgraph on its own.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs, printSubgraphSdl } from '../../../src/schema.js';
import { FINTECH_TYPE_DEFS } from '../../support/fintech-subgraph.js';
import { compose } from '../../support/supergraph.js';

describe('composition', () => {
  it('our subgraph composes alone', () => {
    expect(compose([{ name: 'leads', typeDefs: loadTypeDefs() }])).toContain('type Lead');
  });

  it('the SDL `npm run schema:print` prints composes, alone and with the fintech subgraph', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/print-schema.ts']);
    expect(stdout).toBe(`${printSubgraphSdl()}\n`);
    expect(stdout).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
    const printed = parse(stdout);
    expect(compose([{ name: 'leads', typeDefs: printed }])).toContain('type Person');
    const supergraphSdl = compose([
      { name: 'leads', typeDefs: printed },
      { name: 'fintech', typeDefs: FINTECH_TYPE_DEFS },
    ]);
    expect(supergraphSdl).toMatch(/approvedLeads: \[Lead!\]! @join__field\(graph: FINTECH\)/);
  });
});
