// The vendor check's report, for people and as JSON, and its exit code.
import type { VendorReport } from './run.js';

const MARKS = {
  confirmed: 'confirmed',
  fallback: 'fallback',
  'unknown-shape': 'UNKNOWN SHAPE',
  failed: 'FAILED',
  skipped: 'skipped',
} as const;

/** 0 when every capability the server relies on was confirmed or works through a fallback; 1 otherwise. */
export function exitCodeOf(reports: readonly VendorReport[]): number {
  return reports.some((r) => r.failed) ? 1 : 0;
}

export function renderJson(reports: readonly VendorReport[]): string {
  return JSON.stringify({ ok: exitCodeOf(reports) === 0, vendors: reports }, null, 2);
}

/** One block per vendor: a line per step, its note, shape and advice below it, then the verdicts. */
export function renderText(reports: readonly VendorReport[]): string {
  if (reports.length === 0) return 'No vendor is configured: nothing to check (see README, Configuration).\n';
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(`${report.name} (${report.vendor})`);
    for (const step of report.steps) {
      const answer = [
        step.request,
        step.status === null ? null : `HTTP ${step.status}`,
        step.envelope,
        step.dialect === null ? null : `dialect: ${step.dialect}`,
        step.verdict === 'skipped' ? null : `${step.durationMs} ms`,
      ].filter((part) => part !== null);
      const relied = step.reliedOn ? '' : ' (not relied on)';
      lines.push(`  ${step.step.padEnd(14)} ${MARKS[step.verdict].padEnd(13)} ${answer.join('  ')}`.trimEnd());
      lines.push(`  ${''.padEnd(14)} ${step.capability}${relied}: ${step.note}`);
      if (step.shape !== null) lines.push(`  ${''.padEnd(14)} shape: ${step.shape}`);
      if (step.advice !== null) lines.push(`  ${''.padEnd(14)} → ${step.advice}`);
    }
    if (report.usedZenWindow) {
      lines.push("  This check used Zen's 5-minute window: the server's next Zen call may have to wait for it.");
    }
    lines.push(`  ${report.failed ? 'NOT READY: a capability the server relies on failed' : 'ok'}`, '');
  }
  return lines.join('\n');
}
