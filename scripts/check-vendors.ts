// `npm run check:vendors`: see src/vendor-check/cli.ts and docs/vendor-check.md.
import { runVendorCheckCli } from '../src/vendor-check/cli.js';

process.exitCode = await runVendorCheckCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
