// The write journal's memory (issue 20): keyed writes against the simulators (100,000 by
// default, each with its own key) on a server limited to --max-old-space-size=256, beside the
// same writes without a key on a fresh server (the baseline), in the same run. The journal is
// in memory (the server's default without a database or Redis): what it adds is what it holds.
import autocannon from 'autocannon';

export const JOURNAL_HEAP_LIMIT_MB = 256;

/** The bench's way to start the server under test with these Node flags, and to read its RSS. */
export interface JournalBenchServer {
  url: string;
  headers: Record<string, string>;
  rssMb(): Promise<number | null>;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

export interface JournalMemoryRun {
  rssStartMb: number | null;
  rssAfterMb: number | null;
  addedMb: number | null;
  writes: number;
  errors: number;
  alive: boolean;
}

export interface JournalMemoryReport {
  writes: number;
  heapLimitMb: number;
  baseline: JournalMemoryRun;
  keyed: JournalMemoryRun;
}

// One document, the names and keys in variables: a new document per write would fill Apollo's
// document cache instead (about 7 KB each), in both runs.
const UPDATE = `mutation($name: String, $key: String) {
  updateLead(id: "beschannels:5880", input: { companyName: $name }, idempotencyKey: $key) { id companyName }
}`;

export async function benchJournalMemory(
  startServer: (nodeFlags: string[]) => Promise<JournalBenchServer>,
  writes: number,
  connections: number,
): Promise<JournalMemoryReport> {
  const run = async (keyed: boolean): Promise<JournalMemoryRun> => {
    const server = await startServer([`--max-old-space-size=${JOURNAL_HEAP_LIMIT_MB}`]);
    try {
      // A few writes first, so both runs start with the write path loaded and its caches made.
      await send(server, keyed, 200, connections);
      const rssStartMb = await server.rssMb();
      const result = await send(server, keyed, writes, connections);
      const rssAfterMb = await server.rssMb();
      return {
        rssStartMb,
        rssAfterMb,
        addedMb: rssStartMb !== null && rssAfterMb !== null ? rssAfterMb - rssStartMb : null,
        writes: result.requests.total,
        errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
        alive: server.alive(),
      };
    } finally {
      await server.stop();
    }
  };
  const baseline = await run(false);
  const keyed = await run(true);
  return { writes, heapLimitMb: JOURNAL_HEAP_LIMIT_MB, baseline, keyed };
}

/** `amount` updates, each with another company name (and its own key when keyed). */
function send(server: JournalBenchServer, keyed: boolean, amount: number, connections: number) {
  return autocannon({
    url: `${server.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.headers },
    // autocannon puts a fresh id in place of each [<id>].
    body: JSON.stringify({ query: UPDATE, variables: { name: 'Banco [<id>]', ...(keyed ? { key: '[<id>]' } : {}) } }),
    idReplacement: true,
    connections,
    amount,
    timeout: 20,
    verifyBody: (body) => typeof body === 'string' && !body.includes('"errors"'),
  });
}

export function renderJournalMemory(report: JournalMemoryReport): string {
  const row = (name: string, run: JournalMemoryRun) =>
    `| ${name} | ${run.writes} | ${run.errors} | ${run.rssStartMb ?? '?'} | ${run.rssAfterMb ?? '?'} | ` +
    `${run.addedMb ?? '?'} | ${run.alive ? 'yes' : '**no**'} |`;
  const added = report.keyed.addedMb;
  const holds = added !== null && added <= 50 && report.keyed.alive;
  return [
    `### Write journal memory: ${report.writes} updateLead writes, node --max-old-space-size=${report.heapLimitMb}`,
    '',
    'Each run on a fresh server (journal in memory, default bound), after 200 writes of warm-up. Target: ' +
      `keyed writes add ≤ 50 MB of RSS and the process stays up — ${holds ? 'holds' : '**does not hold**'}.`,
    '',
    '| run | writes | errors | RSS before (MB) | RSS after (MB) | added (MB) | still up |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    row('baseline: no idempotencyKey', report.baseline),
    row('each write with its own idempotencyKey', report.keyed),
    '',
  ].join('\n');
}
