// A small typed client over fetch: each call's variables and result are the generated types of
// its document, and error codes are the schema's LeadGraphErrorCode (docs/errors.md).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { LeadGraphErrorCode, LeadsPageQueryVariables } from '../__generated__/graphql';
import { DistributionOfDay, LeadsPage, SearchLeadsByPhone, VendorHealth } from './operations';

export interface LeadGraphError {
  message: string;
  path?: readonly (string | number)[];
  /** A string: a server newer than this client may send a code it does not know yet. */
  extensions?: { code?: LeadGraphErrorCode | (string & {}); retryAfterSeconds?: number; [key: string]: unknown };
}

export interface LeadGraphResult<TData> {
  data: TData | null;
  errors: readonly LeadGraphError[];
}

export interface LeadGraphClientOptions {
  /** The subgraph's (or the router's) GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** Sent as `x-api-key`. */
  apiKey: string;
}

/** Codes whose request may succeed later, unchanged (docs/errors.md, "Retry"). */
export const RETRYABLE: ReadonlySet<LeadGraphErrorCode> = new Set<LeadGraphErrorCode>([
  'SERVICE_UNAVAILABLE',
  'UPSTREAM_ERROR',
  'UPSTREAM_TIMEOUT',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'OVERLOADED',
  'OPERATION_TIMEOUT',
  'IDEMPOTENCY_UNAVAILABLE',
  'TOO_MANY_KEYS_IN_FLIGHT',
  'STORE_UNAVAILABLE',
]);

export function isRetryable(error: LeadGraphError): boolean {
  const code = error.extensions?.code;
  return (RETRYABLE as ReadonlySet<string | undefined>).has(code);
}

export function createClient(options: LeadGraphClientOptions) {
  return async function request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<LeadGraphResult<TData>> {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { data?: TData | null; errors?: LeadGraphError[] };
    return { data: body.data ?? null, errors: body.errors ?? [] };
  };
}

/** What a frontend does with the types: every field below is checked against the schema. */
export async function example(options: LeadGraphClientOptions): Promise<string[]> {
  const request = createClient(options);
  const lines: string[] = [];

  const search = await request(SearchLeadsByPhone, { phone: '+57 313 643 4030' });
  for (const lead of search.data?.searchLeads.leads ?? []) {
    lines.push(`${lead.vendor} ${lead.id}: ${lead.fullName ?? '(no name)'}`);
  }
  for (const outcome of search.data?.searchLeads.outcomes ?? []) {
    const code: LeadGraphErrorCode | null = outcome.code;
    if (code !== null) lines.push(`${outcome.vendor}: ${outcome.status} ${code}`);
  }

  // Relay paging: `after` the last page's endCursor while hasNextPage.
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const variables: LeadsPageQueryVariables = { vendor: 'BESCHANNELS', first: 50, after };
    const page = await request(LeadsPage, variables);
    const info = page.data?.leadsConnection?.pageInfo;
    lines.push(`page ${pages + 1}: ${page.data?.leadsConnection?.edges.length ?? 0} leads`);
    if (!info?.hasNextPage) break;
    after = info.endCursor;
  }

  const health = await request(VendorHealth, {});
  for (const vendor of health.data?.vendors ?? []) {
    // `at` is a DateTime: an ISO string on the wire, typed as one.
    if (vendor.lastError) lines.push(`${vendor.vendor} failed at ${new Date(vendor.lastError.at).toISOString()}`);
  }

  const totals = await request(DistributionOfDay, { date: '2026-12-04' });
  const day: string | undefined = totals.data?.distributionTotals?.date;
  if (day) lines.push(`totals of ${day}, fetched at ${totals.data?.distributionTotals?.fetchedAt ?? ''}`);
  lines.push(...totals.errors.filter(isRetryable).map((e) => `retry later: ${e.message}`));
  return lines;
}
