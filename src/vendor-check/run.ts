// Runs vendors' probe sequences and reports them: per step the answer's status, envelope,
// dialect (or shape), time and verdict. Nothing here knows a vendor: the sequences do.
import type { VendorConfigs } from '../config.js';
import type { Vendor } from '../model/models.js';
import { vendorName } from '../model/vendors.js';
import { VENDOR_MODULES, settingsOf } from '../datasources/registry.js';
import { ProbeSession, ProbeTransportError, type Verdict, type VendorProbe } from './probe.js';
import { scrubMessage } from './shape.js';

export interface StepReport {
  step: string;
  capability: string;
  reliedOn: boolean;
  verdict: Verdict;
  /** `METHOD path` of the call (no query string: it may hold a token). */
  request: string | null;
  status: number | null;
  envelope: string | null;
  dialect: string | null;
  /** Keys and types of an answer no dialect matched. */
  shape: string | null;
  note: string;
  advice: string | null;
  durationMs: number;
}

export interface VendorReport {
  vendor: Vendor;
  name: string;
  steps: StepReport[];
  /** Whether a step the server relies on ended `failed` or `unknown-shape`. */
  failed: boolean;
  /** Zen only: whether the check spent the 5-minute window. */
  usedZenWindow?: boolean;
}

export interface VendorCheckResult {
  report: VendorReport;
  session: ProbeSession;
}

/** The probe sequences of the configured vendors, in vendor order. */
export function probesFor(vendors: VendorConfigs, options: { zen: boolean; now?: () => number }): VendorProbe[] {
  const probeOptions = { spendRateLimitedCall: options.zen, now: options.now ?? Date.now };
  return VENDOR_MODULES.flatMap((module) => {
    const settings = settingsOf(vendors, module.vendor);
    return settings ? [module.probe(settings, probeOptions)] : [];
  });
}

/** Runs one vendor's sequence (its first `steps` only, when given), one call after another. */
export async function checkVendor(probe: VendorProbe, options: { steps?: number } = {}): Promise<VendorCheckResult> {
  const session = new ProbeSession(probe);
  const state = {};
  const steps: StepReport[] = [];
  try {
    for (const step of probe.steps.slice(0, options.steps ?? probe.steps.length)) {
      let request: string | null = null;
      let status: number | null = null;
      let durationMs = 0;
      const base = { step: step.name, capability: step.capability, reliedOn: step.reliedOn };
      try {
        const outcome = await step.run({
          state,
          addSecret: (secret) => session.secrets.push(secret),
          call: async (call) => {
            // The path only, secrets scrubbed: a query string (or Zen's URL) may carry a token.
            request = `${call.method} ${scrubMessage(call.path.split('?')[0] ?? '', session.secrets)}`;
            const { answer, durationMs: took } = await session.call(step.name, call);
            status = answer.status;
            durationMs += took;
            return answer;
          },
        });
        steps.push(
          'skip' in outcome
            ? { ...base, ...EMPTY, verdict: 'skipped', note: outcome.skip }
            : {
                ...base,
                verdict: outcome.verdict,
                request,
                status,
                envelope: outcome.envelope ?? null,
                dialect: outcome.dialect ?? null,
                shape: outcome.shape ?? null,
                note: outcome.note,
                advice: outcome.advice ?? null,
                durationMs,
              },
        );
      } catch (error) {
        if (!(error instanceof ProbeTransportError)) throw error;
        const { durationMs: took = 0 } = session.calls.at(-1) ?? {};
        steps.push({
          ...base,
          ...EMPTY,
          verdict: 'failed',
          request,
          note: error.reason,
          advice: 'check the base URL setting and that this machine can reach the vendor',
          durationMs: took,
        });
      }
    }
  } finally {
    await session.close();
  }
  const report: VendorReport = {
    vendor: probe.vendor,
    name: vendorName(probe.vendor),
    steps,
    failed: steps.some((s) => s.reliedOn && (s.verdict === 'failed' || s.verdict === 'unknown-shape')),
  };
  if (probe.spendsRateWindow) report.usedZenWindow = session.calls.length > 0;
  return { report, session };
}

const EMPTY = {
  request: null,
  status: null,
  envelope: null,
  dialect: null,
  shape: null,
  advice: null,
  durationMs: 0,
} as const;

/** Every configured vendor's sequence, the vendors side by side. */
export function checkVendors(probes: readonly VendorProbe[]): Promise<VendorCheckResult[]> {
  return Promise.all(probes.map((probe) => checkVendor(probe)));
}
