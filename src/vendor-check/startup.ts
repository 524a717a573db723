// The start-up vendor check (issue 24): the first steps of each vendor's check sequence (a
// token and one cheap read), logged per vendor. It never calls Zen (its one call per 5 minutes
// belongs to queries) and never holds up the listener: index.ts starts it and moves on.
import type { VendorConfigs } from '../config.js';
import type { Logger } from '../logger.js';
import { vendorName } from '../model/vendors.js';
import { checkVendor, probesFor, type VendorReport } from './run.js';

/** Checks every configured vendor at once; logs one line per vendor; resolves with the reports. */
export async function checkVendorsAtStart(vendors: VendorConfigs, logger: Logger): Promise<VendorReport[]> {
  const reports = await Promise.all(
    probesFor(vendors, { zen: false }).map(async (probe) => {
      if (probe.startupSteps === 0) {
        logger.info(
          { vendor: probe.vendor },
          `start-up vendor check: ${vendorName(probe.vendor)} not called (its call budget is kept for queries; ` +
            'npm run check:vendors -- --zen checks it)',
        );
        return undefined;
      }
      const { report } = await checkVendor(probe, { steps: probe.startupSteps });
      const steps = report.steps.map(({ step, verdict, status, durationMs }) => ({
        step,
        verdict,
        status,
        durationMs,
      }));
      const problem = report.steps.find((s) => s.verdict === 'failed' || s.verdict === 'unknown-shape');
      if (problem) {
        logger.warn(
          { vendor: report.vendor, steps },
          `start-up vendor check: ${report.name} ${problem.step} ${problem.verdict}: ${problem.note}` +
            `${problem.advice ? ` (${problem.advice})` : ''}; run npm run check:vendors for the whole check`,
        );
      } else {
        logger.info({ vendor: report.vendor, steps }, `start-up vendor check: ${report.name} answers as expected`);
      }
      return report;
    }),
  );
  return reports.filter((report): report is VendorReport => report !== undefined);
}
