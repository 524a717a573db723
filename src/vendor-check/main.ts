// The vendor check's process entry: `npm run check:vendors` (scripts/check-vendors.ts) in a
// checkout, `node dist/vendor-check/main.js` in a built image (docs/vendor-check.md).
import { runVendorCheckCli } from './cli.js';

process.exitCode = await runVendorCheckCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
