// `npm run check:vendors`: see src/vendor-check/cli.ts and docs/vendor-check.md.
import '../src/vendor-check/main.js';
