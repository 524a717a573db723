// `npm run supergraph:print [-- <routing URL>]`: a supergraph of this subgraph alone, for a
// router in front of replicas (deploy/compose). The routing URL defaults to the compose service.
//   npm run -s supergraph:print > deploy/compose/supergraph.graphql
import { composeServices } from '@apollo/composition';
import { loadTypeDefs, withoutRouterOnlyDirectives } from '../src/schema.js';

const url = process.argv[2] ?? 'http://lead-graph:4000/graphql';
const result = composeServices([{ name: 'leads', url, typeDefs: withoutRouterOnlyDirectives(loadTypeDefs()) }]);
if (result.errors) {
  process.stderr.write(`${result.errors.map((e) => e.message).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${result.supergraphSdl}\n`);
