// `npm run simulators`: every vendor simulated in a process of its own, for trying a production
// server (NODE_ENV=production refuses the embedded ones) without real CRMs. It prints the
// variables that point a server at it, in the form `node --env-file` reads:
//   npm run -s simulators > simulators.env &
//   NODE_ENV=production AUTH_DISABLED=true node --env-file=simulators.env dist/index.js
// Options: --host (where to listen, 127.0.0.1), --public-host (the host in the printed URLs: a
// container's service name), --port (the first of four consecutive ports; 0: any free ones).
import { parseArgs } from 'node:util';
import { vendorVariables } from '../config.js';
import { startSimulators } from './index.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    'public-host': { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});
const host = values.host;
const publicHost = values['public-host'] ?? (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
const simulators = await startSimulators({ host, publicHost, firstPort: Number(values.port) });

const lines = Object.entries(vendorVariables(simulators.vendorConfigs())).map(([name, value]) => `${name}=${value}`);
process.stdout.write(
  [
    '# Lead Graph vendor simulators: sample data, not real CRMs. A server started with these variables uses them.',
    ...lines,
    '# Ready. Ctrl+C (SIGINT) or SIGTERM stops them.',
    '',
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulators.close().then(() => process.exit(0));
  });
}
