// `npm run check:vendors [-- --json] [--zen] [--record DIR] [--simulators]`: the vendor check
// against the vendors configured in the environment (or, with --simulators, the embedded ones).
import { parseArgs } from 'node:util';
import { loadConfig, type VendorConfigs } from '../config.js';
import { ConfigError } from '../errors.js';
import { exitCodeOf, renderJson, renderText } from './report.js';
import { checkVendors, probesFor } from './run.js';
import { writeTranscripts } from './transcript.js';

const USAGE = `Usage: npm run check:vendors -- [--json] [--zen] [--record DIR] [--simulators]
  Runs a fixed, read-only sequence against each configured vendor and says which of our
  guesses about its answers it confirms (docs/vendor-check.md).
  --json        the report as JSON
  --zen         also call Zen (spends its one call per 5 minutes)
  --record DIR  write an anonymised transcript per vendor to DIR
  --simulators  check the embedded simulators instead of the configured vendors
Exit code: 0 ok, 1 a capability the server relies on failed, 2 bad usage or settings.`;

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runVendorCheckCli(argv: readonly string[], output: Output): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        zen: { type: 'boolean', default: false },
        record: { type: 'string' },
        simulators: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    output.out(`${USAGE}\n`);
    return 0;
  }

  let vendors: VendorConfigs;
  let close = async (): Promise<void> => {};
  if (args.simulators) {
    // Loaded only here: checking real vendors does not start them.
    const { startSimulators } = await import('../simulators/index.js');
    const simulators = await startSimulators();
    vendors = simulators.vendorConfigs();
    close = () => simulators.close();
  } else {
    try {
      vendors = loadConfig().vendors;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      output.err(`${error.message}\n`);
      return 2;
    }
  }
  try {
    const results = await checkVendors(probesFor(vendors, { zen: args.zen }));
    const reports = results.map((r) => r.report);
    output.out(args.json ? `${renderJson(reports)}\n` : renderText(reports));
    if (args.record !== undefined) {
      const files = await writeTranscripts(args.record, results);
      output.err(`Transcripts written: ${files.join(', ')}\n`);
    }
    if (results.length === 0 && !args.simulators) return 2;
    return exitCodeOf(reports);
  } finally {
    await close();
  }
}
