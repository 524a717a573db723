// One list of error codes: src/model/error-codes.ts, the SDL enum, the headings of docs/errors.md,
// and every code src/ writes, all the same.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, toErrorCode } from '../../../src/model/error-codes.js';

const ROOT = join(import.meta.dirname, '../../..');
const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

async function sdlCodes(): Promise<string[]> {
  const document = parse(await readFile(join(ROOT, 'schema/errors.graphql'), 'utf8'));
  const enumType = document.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'LeadGraphErrorCode',
  );
  if (enumType?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('no enum LeadGraphErrorCode');
  return (enumType.values ?? []).map((v) => v.name.value);
}

/**
 * The codes src/ writes: `code: 'X'`, `new UpstreamError('X'`, `errorBody(…, 'X'`, and the
 * subscriptions' `refusal(…, 'X'`, `withCode(…, 'X'`, `closeReason('X'`. Simulators speak for vendors.
 */
async function codesWrittenInSrc(): Promise<Map<string, string>> {
  const files = (await readdir(join(ROOT, 'src'), { recursive: true })).filter(
    (f) => f.endsWith('.ts') && !f.startsWith('simulators') && !f.startsWith('__generated__'),
  );
  const found = new Map<string, string>();
  const patterns = [
    /\bcode: '([A-Z][A-Z_]+)'/g,
    /new UpstreamError\(\s*'([A-Z][A-Z_]+)'/g,
    /errorBody\([^;]*?, '([A-Z][A-Z_]+)'/g,
    /refusal\([^;]*?, '([A-Z][A-Z_]+)'/g,
    /withCode\([^;]*?, '([A-Z][A-Z_]+)'/g,
    /closeReason\(\s*'([A-Z][A-Z_]+)'/g,
  ];
  for (const file of files) {
    const text = await readFile(join(ROOT, 'src', file), 'utf8');
    for (const pattern of patterns) for (const [, code] of text.matchAll(pattern)) found.set(code!, file);
  }
  return found;
}

describe('error codes', () => {
  it('the list has no duplicates', () => {
    expect(sorted(ERROR_CODES)).toHaveLength(ERROR_CODES.length);
  });

  it('the list is the SDL enum LeadGraphErrorCode', async () => {
    expect(sorted(await sdlCodes())).toEqual(sorted(ERROR_CODES));
  });

  it('the list is the codes docs/errors.md has a heading for', async () => {
    const docs = await readFile(join(ROOT, 'docs/errors.md'), 'utf8');
    const headings = [...docs.matchAll(/^### ([A-Z][A-Z_]+)$/gm)].map(([, code]) => code!);
    expect(sorted(headings)).toEqual(sorted(ERROR_CODES));
  });

  it('every code src/ writes is in the list', async () => {
    const written = await codesWrittenInSrc();
    expect(written.size).toBeGreaterThan(10); // the patterns still find what they look for
    const missing = [...written].filter(([code]) => !(ERROR_CODES as readonly string[]).includes(code));
    expect(missing).toEqual([]);
  });

  it('a code the list does not hold reads as INTERNAL_SERVER_ERROR', () => {
    expect(toErrorCode('RATE_LIMITED')).toBe('RATE_LIMITED');
    expect(toErrorCode('SOMETHING_NEW')).toBe('INTERNAL_SERVER_ERROR');
    expect(toErrorCode(undefined)).toBe('INTERNAL_SERVER_ERROR');
  });
});
