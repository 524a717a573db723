// The in-memory store: the default for one process, and the fallback when Redis is down.
import type { SharedStore } from './store.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Sweep expired keys every this many writes, so forgotten keys do not pile up. */
const SWEEP_EVERY = 1_000;

export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  readonly where = 'this process’s memory';
  private readonly entries = new Map<string, Entry>();
  private writes = 0;

  /** @param now the clock TTLs are measured with. @default Date.now */
  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.read(key));
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.write(key, value, ttlMs);
    return Promise.resolve();
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.read(key) !== null) return Promise.resolve(false);
    this.write(key, value, ttlMs);
    return Promise.resolve(true);
  }

  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    if (this.read(key) !== expected) return Promise.resolve(false);
    this.write(key, next, ttlMs);
    return Promise.resolve(true);
  }

  deleteIfEquals(key: string, value: string): Promise<void> {
    if (this.read(key) === value) this.entries.delete(key);
    return Promise.resolve();
  }

  claimUntil(key: string, now: number, until: number, ttlMs: number): Promise<number | null> {
    const held = Number(this.read(key) ?? 0);
    if (held > now) return Promise.resolve(held);
    this.write(key, String(until), ttlMs);
    return Promise.resolve(null);
  }

  pushCapped(key: string, value: string, max: number, ttlMs: number): Promise<void> {
    const list = [value, ...this.readList(key)].slice(0, Math.max(1, max));
    this.write(key, JSON.stringify(list), ttlMs);
    return Promise.resolve();
  }

  list(key: string): Promise<string[]> {
    return Promise.resolve(this.readList(key));
  }

  /** Stores `until` in `key` unless it already holds a later time (mirrors windows seen in Redis). */
  extendUntil(key: string, until: number, ttlMs: number): Promise<void> {
    const held = Number(this.read(key) ?? 0);
    if (until > held) this.write(key, String(until), ttlMs);
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }

  /** A list is kept as its JSON array; anything else under its key reads as none. */
  private readList(key: string): string[] {
    const raw = this.read(key);
    if (raw === null) return [];
    try {
      const value: unknown = JSON.parse(raw);
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  }

  private read(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  private write(key: string, value: string, ttlMs: number): void {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    if (++this.writes % SWEEP_EVERY === 0) {
      const now = this.now();
      for (const [k, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(k);
    }
  }
}
