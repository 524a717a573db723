// The write journal's own rules where no simulator fault can reach: a request that died while
// holding a key (its lease runs out on an injected clock), and a read-back that fails.
import { describe, expect, it } from 'vitest';
import {
  JOURNAL_EPOCH_KEY,
  LEGACY_JOURNAL_EPOCH_KEY,
  MemoryStore,
} from '../../../src/datasources/shared/store/index.js';
import { UpstreamError } from '../../../src/errors.js';
import { WriteJournal, canonicalJson, type JournaledWrite } from '../../../src/leads/write-journal.js';
import { createLogger } from '../../../src/logger.js';

/** Journals of several replicas over one in-memory store, on one injected clock. */
function replicasOnClock() {
  const clock = { now: 1_000 };
  const store = new MemoryStore(() => clock.now);
  const replica = () =>
    new WriteJournal({
      store,
      now: () => clock.now,
      logger: createLogger('silent'),
      ttlMs: 60_000,
      leaseMs: 5_000,
      pollMs: 5,
    });
  return { clock, replica };
}

/** A write whose sends and reads are counted; `vendorHas` is what a read-back finds. */
function countedWrite(overrides: Partial<JournaledWrite<string>> = {}) {
  const counts = { sends: 0, reads: 0 };
  const write: JournaledWrite<string> = {
    mutation: 'createLead',
    input: { name: 'x' },
    send: () => {
      counts.sends++;
      return Promise.resolve('sent');
    },
    reconcile: () => {
      counts.reads++;
      return Promise.resolve(null);
    },
    ...overrides,
  };
  return { counts, write };
}

describe('the write journal', () => {
  it('takes over a key whose holder stopped answering once its lease is over, and reconciles', async () => {
    const { clock, replica } = replicasOnClock();
    const [journal, other] = [replica(), replica()];
    let finishFirst: (value: string) => void = () => undefined;
    const first = countedWrite({ send: () => new Promise<string>((resolve) => (finishFirst = resolve)) });
    let reads = 0;
    const second = countedWrite({
      reconcile: () => {
        reads++;
        return Promise.resolve('found at the vendor');
      },
    });

    const firstRun = journal.run('client', 'key-1', first.write);
    await new Promise((resolve) => setTimeout(resolve, 10)); // the first holds the key
    // Another client's key is another key: it does not wait.
    expect(await other.run('another-client', 'key-1', second.write)).toBe('sent');

    // On the other replica the same client waits while the holder's lease lasts.
    let settled = false;
    const waiting = other.run('client', 'key-1', second.write).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(settled).toBe(false);
    clock.now += 5_001; // the holder's lease is over: it may have died
    expect(await waiting).toBe('found at the vendor');
    expect(reads).toBe(1);

    finishFirst('late answer');
    expect(await firstRun).toBe('late answer'); // its client still gets what the vendor said
    // The outcome recorded is the takeover's, and a repeat gets it without any call.
    const third = countedWrite();
    expect(await journal.run('client', 'key-1', third.write)).toBe('found at the vendor');
    expect(third.counts).toEqual({ sends: 0, reads: 0 });
  });

  it('when the read-back fails, nothing is sent and the next retry reads back again', async () => {
    const journal = replicasOnClock().replica();
    const lost = new UpstreamError('UPSTREAM_OUTCOME_UNKNOWN', 'answer lost', { vendor: 'BESCHANNELS' });
    const first = countedWrite({ send: () => Promise.reject(lost) });
    await expect(journal.run('client', 'key-2', first.write)).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_OUTCOME_UNKNOWN', idempotencyKey: 'key-2' },
    });

    const readFails = countedWrite({
      reconcile: () =>
        Promise.reject(new UpstreamError('UPSTREAM_TIMEOUT', 'read timed out', { vendor: 'BESCHANNELS' })),
    });
    await expect(journal.run('client', 'key-2', readFails.write)).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_TIMEOUT' },
    });
    expect(readFails.counts.sends).toBe(0);

    const retry = countedWrite();
    expect(await journal.run('client', 'key-2', retry.write)).toBe('sent');
    expect(retry.counts).toEqual({ sends: 1, reads: 1 });
  });

  it('compares inputs whatever the order of their members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 2, f: 1 }] }, b: 1 }),
    );
  });
});

describe('a journal kept under the names used before keys carried a hash tag (decision 0090)', () => {
  it('reconciles a key it does not find while the old epoch marker is there, and not otherwise', async () => {
    const found = () => {
      const counted = countedWrite();
      counted.write.reconcile = () => {
        counted.counts.reads++;
        return Promise.resolve('found at the vendor');
      };
      return counted;
    };
    // A store an earlier version used: its marker (and entries) under the old names.
    const { clock, replica } = replicasOnClock();
    const upgraded = replica();
    const old = new MemoryStore(() => clock.now);
    await old.set(LEGACY_JOURNAL_EPOCH_KEY, JSON.stringify({ id: 'old', suspectUntil: 0 }), 60_000);
    const onOld = new WriteJournal({
      store: old,
      now: () => clock.now,
      logger: createLogger('silent'),
      ttlMs: 60_000,
      leaseMs: 5_000,
      pollMs: 5,
    });
    const repeat = found();
    expect(await onOld.run('client', 'sent-before-the-upgrade', repeat.write)).toBe('found at the vendor');
    expect(repeat.counts).toEqual({ sends: 0, reads: 1 });
    expect(JSON.parse((await old.get(JOURNAL_EPOCH_KEY))!)).toMatchObject({ suspectUntil: clock.now + 60_000 });

    // A store that never held the old marker: a new key is just sent.
    const fresh = found();
    expect(await upgraded.run('client', 'new', fresh.write)).toBe('sent');
    expect(fresh.counts).toEqual({ sends: 1, reads: 0 });
  });
});
