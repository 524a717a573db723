// The last failure of each vendor, process-wide, for `Query.vendors { lastError }`. Fed by the
// shared HTTP client (every vendor call goes through it); an error found inside a successful
// HTTP answer (an envelope with an error code) is reported here too (shared/envelope.ts).
import { isVendorFailure, type UpstreamError } from '../../errors.js';
import type { ErrorCode } from '../../model/error-codes.js';
import type { Vendor } from '../../model/models.js';

export interface VendorErrorRecord {
  /** As in `extensions.code`. */
  code: ErrorCode;
  /**
   * Already free of secrets (UpstreamError messages are built redacted); without the vendor's
   * own words when vendor text is masked (production).
   */
  message: string;
  at: Date;
}

export class VendorErrorLog {
  private readonly last = new Map<Vendor, VendorErrorRecord>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maskVendorText = false,
  ) {}

  /**
   * Remembers a failed vendor call. NOT_FOUND is an answer (the vendor has no such record),
   * not a failure, and a call our guard did not send says nothing new: neither is remembered.
   */
  record(error: UpstreamError): void {
    if (!isVendorFailure(error)) return;
    const message = this.maskVendorText ? error.publicMessage : error.message;
    this.last.set(error.details.vendor, { code: error.code, message, at: new Date(this.now()) });
  }

  lastError(vendor: Vendor): VendorErrorRecord | null {
    return this.last.get(vendor) ?? null;
  }
}
