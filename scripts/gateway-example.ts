// `npm run gateway:example [-- <Lead Graph URL> [--port <port>]]`: Hive Gateway in front of a
// running Lead Graph (default http://localhost:4000/graphql) and a small fintech subgraph that
// extends `FinancialEntity` and references `Lead`, as test/graph/federation/hive-gateway.test.ts
// runs them (examples/gateway/gateway.config.ts). For trying a supergraph locally, not for
// production: the gateway listens on 127.0.0.1 (default port 4001) until Ctrl+C.
import { parseArgs } from 'node:util';
import { startHiveGateway } from '../test/support/hive-gateway.js';

/** Fintechs of the example catalogue, with leads of the simulators' sample data. */
const EXAMPLE_FINTECHS = [
  {
    id: 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918',
    name: 'Finanzas Rápidas',
    approvedLeadIds: [
      'leancore:2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40:573001234567',
      'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030',
    ],
  },
];

const { values, positionals } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: true });
const leadsUrl = positionals[0] ?? 'http://localhost:4000/graphql';
const gateway = await startHiveGateway({ leadsUrl, fintechs: EXAMPLE_FINTECHS, port: Number(values.port ?? 4001) });
process.stdout.write(
  `Hive Gateway ready at ${gateway.url} in front of Lead Graph (${leadsUrl}) and a fintech subgraph (${gateway.fintechUrl}).\n` +
    'Ask it across both subgraphs:\n' +
    `  curl -s ${gateway.url} -H 'content-type: application/json' -H 'x-api-key: <your key>' \\\n` +
    `    -d '{"query":"{ financialEntity(id: \\"${EXAMPLE_FINTECHS[0]?.id}\\") { name approvedLeads { fullName phone } } }"}'\n`,
);
const stop = () => void gateway.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
