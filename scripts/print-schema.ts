// `npm run schema:print`: the subgraph SDL on stdout, for supergraph tooling, e.g.
//   npm run -s schema:print > lead-graph.graphql
//   rover subgraph publish <graph>@<variant> --name leads --schema lead-graph.graphql --routing-url …
import { printSubgraphSdl } from '../src/schema.js';

process.stdout.write(`${printSubgraphSdl()}\n`);
