// Every write this graph offers, run through the write journal: one instance per request, for
// the client that sent it. Each write names what the vendor must show for it to count as done
// (the reconciliation reads live next to each vendor's datasource). The journal keeps a
// result's id only; a repeat reads the lead again by that id (as the vendor holds it now).
import type { FinancialEntityAssigner, LeadEditor, LeadFields, LeadSource, NewLead } from '../model/contract.js';
import { parseGlobalId, toGlobalId } from '../model/ids.js';
import type { LeadChangeModel, LeadModel, LeadRemark } from '../model/models.js';
import type { WriteJournal } from './write-journal.js';

type Key = string | null | undefined;

/** Where a write the vendor confirmed is told (the live feeds: leadChanged, leadsChanged). */
export type WriteAnnouncer = (change: Omit<LeadChangeModel, 'source' | 'changedAt' | 'vendor'>) => void;

/** The `Lead` fields an update wrote (by their names in `Lead`). */
function writtenFields(changes: LeadFields): string[] {
  return Object.keys(changes).filter((field) => changes[field as keyof LeadFields] !== undefined);
}

/** A lead in the journal: its id; a repeat reads it again from the vendor. */
function leadById(source: Pick<LeadSource, 'prepareLeadLookup'>) {
  return {
    encode: (lead: LeadModel) => ({ id: lead.id }),
    decode: (stored: unknown) => source.prepareLeadLookup(parseGlobalId((stored as { id: string }).id).key)(),
  };
}

/** A remark in the journal: all but its text, which a repeat (same input) carries. */
type StoredRemark = Omit<LeadRemark, 'content' | 'createdAt'> & { createdAt: string | null };

export class LeadWrites {
  /** @param client the caller's stable identity (`Caller.id`): keys are a client's own. */
  constructor(
    private readonly journal: WriteJournal,
    private readonly client: string,
    /** Told of each write when the vendor confirmed it (not of a repeat answered from the journal). */
    private readonly announce: WriteAnnouncer = () => {},
  ) {}

  /** `send`, then the announcement of what it changed. */
  private announced<T>(send: () => Promise<T>, change: (result: T) => Parameters<WriteAnnouncer>[0]): () => Promise<T> {
    return async () => {
      const result = await send();
      this.announce(change(result));
      return result;
    };
  }

  createLead(editor: LeadEditor, lead: NewLead, idempotencyKey: Key): Promise<LeadModel> {
    return this.journal.run(this.client, idempotencyKey, {
      mutation: 'createLead',
      input: { vendor: editor.vendor, lead },
      send: this.announced(
        () => editor.createLead(lead),
        (created) => ({ leadId: created.id, kind: 'CREATED', lead: created, changedFields: [] }),
      ),
      reconcile: () => editor.findCreated(lead),
      ...leadById(editor),
    });
  }

  updateLead(editor: LeadEditor, key: string, changes: LeadFields, idempotencyKey: Key): Promise<LeadModel> {
    return this.journal.run(this.client, idempotencyKey, {
      mutation: 'updateLead',
      input: { id: toGlobalId(editor.vendor, key), changes },
      send: this.announced(
        () => editor.updateLead(key, changes),
        (updated) => ({ leadId: updated.id, kind: 'UPDATED', lead: updated, changedFields: writtenFields(changes) }),
      ),
      reconcile: () => editor.findUpdated(key, changes),
      ...leadById(editor),
    });
  }

  /** Resolves with the lead's global id. */
  deleteLead(editor: LeadEditor, key: string, idempotencyKey: Key): Promise<string> {
    const id = toGlobalId(editor.vendor, key);
    return this.journal.run(this.client, idempotencyKey, {
      mutation: 'deleteLead',
      input: { id },
      send: this.announced(
        async () => {
          await editor.deleteLead(key);
          return id;
        },
        () => ({ leadId: id, kind: 'DELETED', lead: null, changedFields: [] }),
      ),
      reconcile: async () => ((await editor.isDeleted(key)) ? id : null),
      encode: () => null,
      decode: () => id,
    });
  }

  assignLead(editor: LeadEditor, key: string, ownerId: string, idempotencyKey: Key): Promise<LeadModel> {
    return this.journal.run(this.client, idempotencyKey, {
      mutation: 'assignLead',
      input: { id: toGlobalId(editor.vendor, key), ownerId },
      send: this.announced(
        () => editor.assignLead(key, ownerId),
        (assigned) => ({ leadId: assigned.id, kind: 'UPDATED', lead: assigned, changedFields: ['owner'] }),
      ),
      reconcile: () => editor.findAssigned(key, ownerId),
      ...leadById(editor),
    });
  }

  /**
   * A remark is told apart from an earlier one with the same text by its id: the ids with this
   * text are read before the first send (one extra read, only when a key is given).
   */
  addRemark(editor: LeadEditor, key: string, content: string, idempotencyKey: Key): Promise<LeadRemark> {
    return this.journal.run(this.client, idempotencyKey, {
      mutation: 'addLeadRemark',
      input: { leadId: toGlobalId(editor.vendor, key), content },
      baseline: () => editor.remarkIdsWith(key, content),
      send: () => editor.addRemark(key, content),
      reconcile: (before) => editor.findAddedRemark(key, content, Array.isArray(before) ? (before as string[]) : []),
      encode: (remark): StoredRemark => ({
        id: remark.id,
        ...(remark.author === undefined ? {} : { author: remark.author }),
        createdAt: remark.createdAt?.toISOString() ?? null,
      }),
      decode: (stored) => {
        const remark = stored as StoredRemark;
        return { ...remark, content, createdAt: remark.createdAt === null ? null : new Date(remark.createdAt) };
      },
    });
  }

  assignToFinancialEntity(
    assigner: FinancialEntityAssigner,
    key: string,
    financialEntityId: string,
    idempotencyKey: Key,
  ): Promise<LeadModel> {
    return this.journal.run(this.client, idempotencyKey, {
      mutation: 'assignLeadToFinancialEntity',
      input: { leadId: toGlobalId(assigner.vendor, key), financialEntityId },
      send: this.announced(
        () => assigner.assignToFinancialEntity(key, financialEntityId),
        (assigned) => ({ leadId: assigned.id, kind: 'UPDATED', lead: assigned, changedFields: ['financialEntity'] }),
      ),
      reconcile: () => assigner.findAssignedToFinancialEntity(key, financialEntityId),
      ...leadById(assigner),
    });
  }
}
