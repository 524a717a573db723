// leadsConnection: the cursor over any vendor that can list. A cursor is the opaque form of
// "vendor + position", so a cursor of one vendor cannot page another.
import type { DataSources } from '../datasources/index.js';
import { BadUserInputError, UnsupportedError } from '../errors.js';
import type { LeadConnectionModel, Vendor } from '../model/models.js';

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(vendor: Vendor, position: number): string {
  return Buffer.from(`${vendor}:${position}`).toString('base64url');
}

export function decodeCursor(vendor: Vendor, cursor: string): number {
  const [cursorVendor, position] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const offset = Number(position);
  if (cursorVendor !== vendor || !Number.isSafeInteger(offset) || offset < 0) {
    throw new BadUserInputError(`"${cursor.slice(0, 40)}" is not a cursor of ${vendor}'s leads`, 'after');
  }
  return offset;
}

export async function leadsConnection(
  dataSources: DataSources,
  args: { vendor: Vendor; first?: number | null; after?: string | null },
): Promise<LeadConnectionModel> {
  const limit = args.first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  const offset = args.after ? decodeCursor(args.vendor, args.after) : 0;
  const source = dataSources.leadSource(args.vendor);
  if (!source.listLeads) throw new UnsupportedError(args.vendor, 'listing leads');
  const page = await source.listLeads({ offset, limit });
  const edges = page.leads.map((node, index) => ({ cursor: encodeCursor(args.vendor, offset + index + 1), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      // Relay allows false when only forward paging is offered; a position past 0 says it plainly.
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}
