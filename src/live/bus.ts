// Messages between replicas: Redis pub/sub when REDIS_URL is set (one publishing connection and
// its ioredis duplicate() in subscriber mode), an EventEmitter in this process otherwise.
// Hand-written rather than graphql-redis-subscriptions: two channels and plain strings need
// twenty lines, and this keeps the key prefix and the logger ours.
import { EventEmitter } from 'node:events';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import { createRequire } from 'node:module';
import type { Logger } from '../logger.js';

export interface LiveBus {
  readonly kind: 'memory' | 'redis';
  /** Sends to every replica's listeners of `channel`, this one's included. */
  publish(channel: string, message: string): Promise<void>;
  /** Listens to `channel`; the function returned stops listening. */
  subscribe(channel: string, listener: (message: string) => void): () => void;
  /** Resolves true once every channel subscribed so far is confirmed (false: the bus cannot say). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryBus implements LiveBus {
  readonly kind = 'memory';
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(channel: string, message: string): Promise<void> {
    // Delivered on a later tick, as Redis would: a publisher never runs listeners inline.
    setImmediate(() => this.emitter.emit(channel, message));
    return Promise.resolve();
  }

  subscribe(channel: string, listener: (message: string) => void): () => void {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  ready(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}

const requireModule = createRequire(import.meta.url);

export class RedisBus implements LiveBus {
  readonly kind = 'redis';
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new EventEmitter().setMaxListeners(0);

  constructor(
    url: string,
    /** Prepended to every channel, as the store prepends it to keys. */
    private readonly prefix: string,
    logger: Logger,
  ) {
    const { Redis: RedisClient } = requireModule('ioredis') as typeof IORedis;
    this.publisher = new RedisClient(url, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    });
    // A connection in subscriber mode can only (un)subscribe: a second one.
    this.subscriber = this.publisher.duplicate();
    const onError = (error: Error) => logger.debug({ err: error.message }, 'live bus: redis connection error');
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('message', (channel: string, message: string) => {
      this.listeners.emit(channel.slice(this.prefix.length), message);
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(this.prefix + channel, message);
  }

  subscribe(channel: string, listener: (message: string) => void): () => void {
    if (this.listeners.listenerCount(channel) === 0)
      void this.subscriber.subscribe(this.prefix + channel).catch(() => {});
    this.listeners.on(channel, listener);
    return () => {
      this.listeners.off(channel, listener);
      if (this.listeners.listenerCount(channel) === 0) {
        void this.subscriber.unsubscribe(this.prefix + channel).catch(() => {});
      }
    };
  }

  /** Commands run in order on the connection: a PING answered means the SUBSCRIBEs before it were too. */
  async ready(): Promise<boolean> {
    return this.subscriber.ping().then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    this.listeners.removeAllListeners();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}

export function createBus(options: {
  redisUrl?: string | undefined;
  keyPrefix?: string | undefined;
  logger: Logger;
}): LiveBus {
  return options.redisUrl
    ? new RedisBus(options.redisUrl, `${options.keyPrefix ?? ''}live:`, options.logger)
    : new MemoryBus();
}
