// The bench's yardstick: a bare Apollo Server 5 (its standalone HTTP server, no plugins) whose
// one resolver returns a constant lead. It answers the same `lead` operation as the real server,
// so the ratio of the two says what our path (edge, limits, loaders, vendor HTTP, mapping) costs
// over Apollo Server's own floor on the same machine in the same run.
// Usage: node dist-bench/bench/baseline-server.js <port>
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const typeDefs = `#graphql
  type Lead { id: ID! vendor: String! fullName: String phone: String email: String status: String }
  type Query { lead(id: ID!): Lead }
`;

const LEAD = {
  vendor: 'LEANCORE',
  fullName: 'Valentina Ríos Gómez',
  phone: '+573136434030',
  email: 'valentina.rios@example.co',
  status: 'Nuevo',
};

const server = new ApolloServer({
  typeDefs,
  resolvers: { Query: { lead: (_: unknown, { id }: { id: string }) => ({ id, ...LEAD }) } },
});
const port = Number(process.argv[2] ?? 4100);
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
console.log(`baseline ready at ${url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
