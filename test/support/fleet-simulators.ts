// The vendor simulators in a process of their own for the fleet test (as `npm run simulators`
// runs them), with a small control API the test drives them through:
//   GET  /log                       every vendor request received: {vendor, method, path, at}
//   POST /inject {vendor, fault}    a simulator fault (src/simulators/server.ts, Fault)
//   POST /expire-tokens {vendor}    every token that vendor issued stops working now
//   GET  /remarks                   the remarks BesChannels holds (what was written)
// It prints the server's vendor variables like `npm run simulators`, then `CONTROL_URL=…`.
// Run: node --import tsx test/support/fleet-simulators.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vendorVariables } from '../../src/config.js';
import { startSimulators } from '../../src/simulators/index.js';
import type { Fault, RecordedRequest, SimulatorServer } from '../../src/simulators/server.js';

export interface LoggedCall {
  vendor: string;
  method: string;
  path: string;
  /** Epoch ms when the simulator received it. */
  at: number;
}

const simulators = await startSimulators();
const byVendor: Record<string, SimulatorServer> = {
  leancore: simulators.leancore,
  beschannels: simulators.beschannels,
  crmcom: simulators.crmcom,
  zen: simulators.zen,
};

// Every request is stamped with the time it arrived: the test checks holds and windows by time.
const log: LoggedCall[] = [];
for (const [vendor, simulator] of Object.entries(byVendor)) {
  const requests = simulator.requests;
  const push = requests.push.bind(requests);
  requests.push = (...items: RecordedRequest[]) => {
    for (const item of items) log.push({ vendor, method: item.method, path: item.path, at: Date.now() });
    return push(...items);
  };
}

const control = createServer((req, res) => {
  let text = '';
  req.on('data', (chunk: Buffer) => (text += chunk.toString()));
  req.on('end', () => {
    const body = (text ? JSON.parse(text) : {}) as { vendor?: string; fault?: Fault };
    const simulator = body.vendor ? byVendor[body.vendor] : undefined;
    const answer = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'GET' && req.url === '/log') return answer(200, log);
    if (req.method === 'GET' && req.url === '/remarks') return answer(200, simulators.beschannels.remarks);
    if (req.method === 'POST' && req.url === '/inject' && simulator && body.fault) {
      simulator.inject(body.fault);
      return answer(200, { at: Date.now() });
    }
    if (req.method === 'POST' && req.url === '/expire-tokens' && simulator && 'expireTokens' in simulator) {
      (simulator as { expireTokens(): void }).expireTokens();
      return answer(200, { at: Date.now() });
    }
    return answer(404, { error: `no such control: ${req.method ?? ''} ${req.url ?? ''}` });
  });
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

const lines = Object.entries(vendorVariables(simulators.vendorConfigs())).map(([name, value]) => `${name}=${value}`);
process.stdout.write([...lines, `CONTROL_URL=${controlUrl}`, '# Ready.', ''].join('\n'));

process.once('SIGTERM', () => {
  control.close();
  void simulators.close().then(() => process.exit(0));
});
