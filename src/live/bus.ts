// Messages between replicas: Redis pub/sub when Redis is configured (one publishing connection and
// a second ioredis client in subscriber mode), an EventEmitter in this process otherwise.
// Hand-written rather than graphql-redis-subscriptions: two channels and plain strings need
// twenty lines, and this keeps the key prefix and the logger ours.
import { EventEmitter } from 'node:events';
import { createRedisClient, type RedisClient, type RedisConnection } from '../datasources/shared/store/redis-client.js';
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

export class RedisBus implements LiveBus {
  readonly kind = 'redis';
  private readonly publisher: RedisClient;
  private readonly subscriber: RedisClient;
  private readonly listeners = new EventEmitter().setMaxListeners(0);

  constructor(
    connection: RedisConnection,
    /** Prepended to every channel, as the store prepends it to keys. */
    private readonly prefix: string,
    logger: Logger,
  ) {
    // The same factory as the store: one server, Sentinel or Cluster (whose PUBLISH reaches every node).
    this.publisher = createRedisClient(connection, { reconnectMaxDelayMs: 1_000 });
    // A connection in subscriber mode can only (un)subscribe: a second one.
    this.subscriber = createRedisClient(connection, { reconnectMaxDelayMs: 1_000 });
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

  /**
   * Commands run in order on one connection: a PING answered means the SUBSCRIBEs before it were too.
   * On a Cluster the PING may reach another node, so there it only says the cluster answers.
   */
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
  redis?: RedisConnection | undefined;
  keyPrefix?: string | undefined;
  logger: Logger;
}): LiveBus {
  return options.redis
    ? new RedisBus(options.redis, `${options.keyPrefix ?? ''}live:`, options.logger)
    : new MemoryBus();
}
