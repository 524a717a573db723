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
  /** Resolves true once the server confirmed every channel subscribed so far (false: one failed, or it cannot be reached). */
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
  /** Per channel listened to, its SUBSCRIBE's answer: true once the server confirmed it. */
  private readonly confirmations = new Map<string, Promise<boolean>>();
  private closed = false;

  constructor(
    connection: RedisConnection,
    /** Prepended to every channel, as the store prepends it to keys. */
    private readonly prefix: string,
    private readonly logger: Logger,
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
    if (this.listeners.listenerCount(channel) === 0) this.confirm(channel);
    this.listeners.on(channel, listener);
    return () => {
      this.listeners.off(channel, listener);
      if (this.listeners.listenerCount(channel) === 0) {
        this.confirmations.delete(channel);
        void this.subscriber.unsubscribe(this.prefix + channel).catch(() => {});
      }
    };
  }

  /**
   * Sends SUBSCRIBE and keeps its answer. A refusal (a Cluster that has no subscriber node yet, say)
   * is tried again a second later for as long as someone listens: ioredis only re-subscribes, after
   * a reconnect, the channels the server had confirmed.
   */
  private confirm(channel: string): void {
    const answer = this.subscriber.subscribe(this.prefix + channel).then(
      () => true,
      (error: Error) => {
        this.logger.debug({ err: error.message, channel }, 'live bus: subscribe refused; trying again in 1 s');
        setTimeout(() => {
          if (!this.closed && this.confirmations.get(channel) === answer) this.confirm(channel);
        }, 1_000).unref();
        return false;
      },
    );
    this.confirmations.set(channel, answer);
  }

  /**
   * Every SUBSCRIBE answered, and a PING too (so that a bus with no channel yet still says whether
   * Redis answers). A Cluster sends SUBSCRIBE and PING to different nodes: only the answers say.
   */
  async ready(): Promise<boolean> {
    const answers = await Promise.all([
      ...this.confirmations.values(),
      this.subscriber.ping().then(
        () => true,
        () => false,
      ),
    ]);
    return answers.every(Boolean);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.removeAllListeners();
    this.confirmations.clear();
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
