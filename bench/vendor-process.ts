// The vendor simulators of `npm run bench`, in a process of their own (forked by
// ./vendors.ts): sharing an event loop with autocannon, their injected latency grew by the load
// generator's work (50 ms of vendor latency was seen by the server as ~60 ms). Commands come
// over the IPC channel; each gets one reply.
import { startSimulators } from '../src/simulators/index.js';
import type { VendorCommand, VendorReply } from './vendors.js';

const sims = await startSimulators();
const byName = { LeanCore: sims.leancore, BesChannels: sims.beschannels, 'CRM.COM': sims.crmcom, Zen: sims.zen };

const reply = (message: VendorReply) => process.send?.(message);

process.on('message', (command: VendorCommand) => {
  switch (command.type) {
    case 'latency':
      sims.setLatency(command.ms);
      reply({ type: 'done' });
      break;
    case 'counts':
      reply({
        type: 'counts',
        counts: Object.fromEntries(Object.entries(byName).map(([n, s]) => [n, s.requests.length])),
      });
      break;
    case 'reset':
      for (const sim of Object.values(byName)) sim.resetRequests();
      reply({ type: 'done' });
      break;
    case 'close':
      void sims.close().then(() => process.exit(0));
      break;
  }
});
// The bench stopped (or was killed) without a `close`: the simulators go with it.
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready', vendors: sims.vendorConfigs() });
