// The bench's yardstick: a bare Apollo Server 5 (its standalone HTTP server, no plugins) whose
// one resolver returns a constant lead. It answers the same `lead` operation as the real server,
// so the ratio of the two says what our path (edge, limits, loaders, vendor HTTP, mapping) costs
// over Apollo Server's own floor on the same machine in the same run.
// Given LeanCore's base URL and token, it is the floor of a gateway instead: the resolver makes
// the same LeanCore call as the real server (undici, keep-alive) and answers with its fields,
// nothing else (no limits, authentication, budget, validation or logs).
// Usage: node dist-bench/bench/baseline-server.js <port> [<LeanCore base URL> <token>]
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Pool } from 'undici';

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

const [, , portArgument, leanCoreUrl, leanCoreToken] = process.argv;

/** The LeanCore lead of the bench's `lead` operation, mapped to the schema's fields as simply as can be. */
function leanCoreCall(baseUrl: string, token: string): () => Promise<typeof LEAD> {
  const base = new URL(baseUrl);
  const pool = new Pool(base.origin);
  const path = `${base.pathname.replace(/\/$/, '')}/lead?phone=573136434030`;
  return async () => {
    const { body } = await pool.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
    const lead = (await body.json()) as Record<string, string>;
    return {
      vendor: 'LEANCORE',
      fullName: `${lead['name']} ${lead['lastname']}`,
      phone: `+${lead['phone']}`,
      email: String(lead['email']).toLowerCase(),
      status: lead['status'] ?? '',
    };
  };
}

const fetchLead = leanCoreUrl && leanCoreToken ? leanCoreCall(leanCoreUrl, leanCoreToken) : () => Promise.resolve(LEAD);
const server = new ApolloServer({
  typeDefs,
  resolvers: { Query: { lead: async (_: unknown, { id }: { id: string }) => ({ id, ...(await fetchLead()) }) } },
});
const port = Number(portArgument ?? 4100);
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
console.log(`baseline ready at ${url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
