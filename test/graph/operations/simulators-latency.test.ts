// The simulators' latency switch (what `npm run bench` uses for its 0 ms and 50 ms vendors):
// one setting slows every vendor alike, requests are still recorded, and a simulator closes
// with answers still waiting. No timing is asserted: the latency is made far
// longer than the server's vendor deadline, so its effect is a typed timeout, not a duration.
import { describe, expect, it } from 'vitest';
import { startSimulators } from '../../../src/simulators/index.js';
import { useTestGraph } from '../../support/graph.js';
import { SEARCH, type SearchData } from '../../support/search.js';

const t = useTestGraph({ timeoutMs: 300, crmcomContactSearch: true });

describe('simulator latency', () => {
  it('slows every vendor alike: each outcome is a timeout while it is on, and fine once it is off', async () => {
    t.sims.setLatency(60_000);
    const slow = await t.execute<SearchData>(SEARCH, { phone: '313 643 4030' });
    const outcomes = slow.data?.searchLeads.outcomes ?? [];
    expect(outcomes.map((o) => o.vendor).sort()).toEqual(['BESCHANNELS', 'CRMCOM', 'LEANCORE']);
    expect(outcomes.map((o) => o.code)).toEqual(['UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT']);
    // The requests were received (and counted) before the simulators waited.
    for (const sim of [t.sims.leancore, t.sims.beschannels, t.sims.crmcom])
      expect(sim.requests.length).toBeGreaterThan(0);
    expect([t.sims.leancore, t.sims.beschannels, t.sims.crmcom, t.sims.zen].map((s) => s.latencyMs)).toEqual([
      60_000, 60_000, 60_000, 60_000,
    ]);

    t.sims.setLatency(0);
    const fast = await t.execute<SearchData>(SEARCH, { phone: '313 643 4030' });
    expect(fast.data?.searchLeads.outcomes.map((o) => o.code)).toEqual([null, null, null]);
  });

  it('closes while answers are still waiting out their latency', async () => {
    const sims = await startSimulators();
    sims.setLatency(60_000);
    const pending = fetch(`${sims.leancore.url}/lead?phone=573136434030`).then(
      () => 'answered',
      () => 'connection closed',
    );
    await expect.poll(() => sims.leancore.requests.length).toBe(1);
    await sims.close();
    expect(await pending).toBe('connection closed');
  });
});
