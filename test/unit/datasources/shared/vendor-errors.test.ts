import { describe, expect, it } from 'vitest';
import { VendorErrorLog } from '../../../../src/datasources/shared/vendor-errors.js';
import { UpstreamError } from '../../../../src/errors.js';

describe('VendorErrorLog', () => {
  it('keeps the latest failure per vendor, with the time of the injected clock', () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const log = new VendorErrorLog(() => now);
    log.record(new UpstreamError('UPSTREAM_TIMEOUT', 'LeanCore did not answer', { vendor: 'LEANCORE' }));
    now += 60_000;
    log.record(new UpstreamError('RATE_LIMITED', 'Zen is rate limiting us', { vendor: 'ZEN' }));
    log.record(new UpstreamError('UPSTREAM_ERROR', 'LeanCore failed with HTTP 500', { vendor: 'LEANCORE' }));
    expect(log.lastError('LEANCORE')).toEqual({
      code: 'UPSTREAM_ERROR',
      message: 'LeanCore failed with HTTP 500',
      at: new Date('2026-11-23T10:01:00Z'),
    });
    expect(log.lastError('ZEN')?.code).toBe('RATE_LIMITED');
    expect(log.lastError('CRMCOM')).toBeNull();
  });

  it('does not count NOT_FOUND (the vendor has no such record) as a failure', () => {
    const log = new VendorErrorLog();
    log.record(new UpstreamError('NOT_FOUND', 'LeanCore has no such record', { vendor: 'LEANCORE' }));
    expect(log.lastError('LEANCORE')).toBeNull();
  });
});
