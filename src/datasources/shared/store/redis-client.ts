// The one place that makes ioredis clients: one server (REDIS_URL), a Sentinel-managed primary
// (REDIS_SENTINELS + REDIS_SENTINEL_NAME) or a Redis Cluster (REDIS_CLUSTER_NODES), each with the
// same bounded commands and quick reconnection, so the store above them (and the fallback to
// memory) behaves alike whatever the topology. See docs/decisions/0090-redis-sentinel-and-cluster.md.
import type * as IORedis from 'ioredis';
import type { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import { createRequire } from 'node:module';

/** ioredis is loaded when a client is made: a server without Redis does not carry it. */
const requireModule = createRequire(import.meta.url);

export interface RedisNodeAddress {
  host: string;
  port: number;
}

interface RedisAccess {
  /** ACL user (REDIS_USERNAME); the URL's own for REDIS_URL. */
  username?: string;
  /** REDIS_PASSWORD; the URL's own for REDIS_URL. */
  password?: string;
  /** TLS to every Redis node (REDIS_TLS=true or rediss://), with an extra CA (PEM) when given. */
  tls?: { ca?: string };
}

/** Where the shared Redis is and how to reach it. */
export type RedisConnection =
  | ({ mode: 'standalone'; url: string } & RedisAccess)
  | ({
      mode: 'sentinel';
      sentinels: readonly RedisNodeAddress[];
      /** The primary's name as the Sentinels know it (REDIS_SENTINEL_NAME). */
      name: string;
      /** The Sentinels' own password, when they have one (REDIS_SENTINEL_PASSWORD). */
      sentinelPassword?: string;
    } & RedisAccess)
  | ({ mode: 'cluster'; nodes: readonly RedisNodeAddress[] } & RedisAccess);

export type RedisClient = Redis | Cluster;

export interface RedisClientOptions {
  /** Bound on one command, in ms. @default 3000 */
  commandTimeoutMs?: number;
  /** Bound on one connection attempt, in ms. @default 2000 */
  connectTimeoutMs?: number;
  /** Longest pause between reconnection attempts, in ms. @default 500 */
  reconnectMaxDelayMs?: number;
}

/**
 * A client for `connection`. Commands sent while (re)connecting wait for one attempt; a command
 * Redis does not answer fails after the command timeout. The caller listens for 'error'.
 */
export function createRedisClient(connection: RedisConnection, options: RedisClientOptions = {}): RedisClient {
  const { Redis: RedisClass, Cluster: ClusterClass } = requireModule('ioredis') as typeof IORedis;
  const maxDelay = options.reconnectMaxDelayMs ?? 500;
  const retry = (attempt: number) => Math.min(attempt * 100, maxDelay);
  const tls = connection.tls ? { ...(connection.tls.ca ? { ca: connection.tls.ca } : {}) } : undefined;
  const node: RedisOptions = {
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 3_000,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    ...(connection.username ? { username: connection.username } : {}),
    ...(connection.password ? { password: connection.password } : {}),
    ...(tls ? { tls } : {}),
  };
  switch (connection.mode) {
    case 'standalone':
      return new RedisClass(connection.url, { ...node, enableOfflineQueue: true, retryStrategy: retry });
    case 'sentinel':
      return new RedisClass({
        ...node,
        enableOfflineQueue: true,
        retryStrategy: retry,
        sentinels: connection.sentinels.map(({ host, port }) => ({ host, port })),
        name: connection.name,
        sentinelRetryStrategy: retry,
        sentinelCommandTimeout: options.connectTimeoutMs ?? 2_000,
        // The primary's password is not the Sentinels' unless said so.
        ...(connection.sentinelPassword ? { sentinelPassword: connection.sentinelPassword } : {}),
        ...(tls ? { enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
      });
    case 'cluster': {
      const clusterOptions: ClusterOptions = {
        enableOfflineQueue: true,
        clusterRetryStrategy: retry,
        // A failover moves slots in about a second; commands meanwhile wait briefly, then fail.
        retryDelayOnFailover: 100,
        retryDelayOnClusterDown: 100,
        slotsRefreshTimeout: options.connectTimeoutMs ?? 2_000,
        redisOptions: node,
        // Managed clusters (ElastiCache, Memorystore) announce names their certificates carry:
        // connect by those names rather than resolving them first.
        ...(tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
      };
      return new ClusterClass(
        connection.nodes.map(({ host, port }) => ({ host, port })),
        clusterOptions,
      );
    }
  }
}

/** Where the Redis is, for log lines and errors: hosts and ports, never a password. */
export function describeRedis(connection: RedisConnection): string {
  const list = (nodes: readonly RedisNodeAddress[]) => nodes.map(({ host, port }) => `${host}:${port}`).join(', ');
  switch (connection.mode) {
    case 'standalone': {
      const url = new URL(connection.url);
      return `REDIS_URL's host ${url.host}`;
    }
    case 'sentinel':
      return `the primary "${connection.name}" of REDIS_SENTINELS ${list(connection.sentinels)}`;
    case 'cluster':
      return `the cluster at REDIS_CLUSTER_NODES ${list(connection.nodes)}`;
  }
}
