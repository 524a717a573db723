// `--record DIR`: one anonymised transcript per vendor, `<dir>/<vendor>.json`. It keeps every
// call's method, path, parameter names and the answers' shapes; every value is replaced by its
// form and every secret removed (shape.ts), so it can be read by anyone and turned into a
// simulator dialect and a test (docs/vendor-check.md).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VendorCheckResult } from './run.js';
import { anonymise, scrubMessage } from './shape.js';

export interface TranscriptEntry {
  step: string;
  request: { method: string; path: string; query: unknown; body: unknown };
  response: { status: number; body: unknown; notJson?: true } | { transportError: string };
  durationMs: number;
}

export interface Transcript {
  vendor: string;
  recordedAt: string;
  entries: TranscriptEntry[];
}

export function transcriptOf({ report, session }: VendorCheckResult, now = new Date()): Transcript {
  const secrets = session.secrets;
  const entries = session.calls.map(({ step, request, answer, durationMs }): TranscriptEntry => {
    // A path may carry a query of its own (Zen's Integration URL): its values go with the others.
    const [path = '', inlineQuery] = request.path.split(/\?(.*)/s);
    const query = { ...Object.fromEntries(new URLSearchParams(inlineQuery ?? '')), ...request.searchParams };
    return {
      step,
      request: {
        method: request.method,
        path: scrubMessage(path, secrets),
        query: anonymise(query, secrets),
        body: request.json === undefined ? null : anonymise(request.json, secrets),
      },
      response:
        'transportError' in answer
          ? { transportError: answer.transportError }
          : {
              status: answer.status,
              // A body that is not JSON is kept as its form only.
              body: anonymise(answer.body, secrets),
              ...(answer.notJson ? { notJson: true as const } : {}),
            },
      durationMs,
    };
  });
  return { vendor: report.vendor, recordedAt: now.toISOString(), entries };
}

/** Writes each vendor's transcript; returns the files written. */
export async function writeTranscripts(dir: string, results: readonly VendorCheckResult[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    results.map(async (result) => {
      const file = join(dir, `${result.report.vendor.toLowerCase()}.json`);
      await writeFile(file, `${JSON.stringify(transcriptOf(result), null, 2)}\n`, { mode: 0o600 });
      return file;
    }),
  );
}
