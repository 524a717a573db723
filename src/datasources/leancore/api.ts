// The process-wide LeanCore client: the shared HTTP client and LeanCore's bearer token. LeanCore
// has no envelope and no error codes of its own: it fails with HTTP statuses, which the shared
// HTTP client maps (src/errors.ts, upstreamErrorFromStatus), so it needs no error table.
import type { VendorHttpClient, VendorRequest } from '../shared/http.js';
import type { VendorCommon } from '../vendor-module.js';
import type { Operation } from '../../request/operation.js';

/** LEANCORE_* settings. */
export interface LeanCoreConfig extends VendorCommon {
  token: string;
}

export class LeanCoreApi {
  constructor(private readonly deps: { http: VendorHttpClient; token: string }) {}

  /** One call with our token (a GET is retried, a POST is not); LeanCore's JSON answer. */
  async call(request: Omit<VendorRequest, 'headers'>, operation: Operation | undefined): Promise<unknown> {
    const response = await this.deps.http.request(
      { ...request, headers: { authorization: `Bearer ${this.deps.token}` } },
      operation,
    );
    return response.body;
  }
}
