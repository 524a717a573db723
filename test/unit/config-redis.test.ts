// The Redis settings of src/config.ts: one topology (one server, Sentinels or a cluster), with
// credentials and TLS, and a clear refusal of settings that contradict each other.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, redisConnectionOf, SETTING_NAMES } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

const caFile = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'lead-graph-ca-')), 'ca.pem');
  writeFileSync(file, text);
  return file;
};
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('Redis settings', () => {
  it('reads one server from REDIS_URL, as before', () => {
    const config = loadConfig({ REDIS_URL: 'redis://redis:6379' });
    expect(config.redisUrl).toBe('redis://redis:6379');
    expect(redisConnectionOf(config)).toEqual({ mode: 'standalone', url: 'redis://redis:6379' });
    expect(redisConnectionOf(loadConfig({}))).toBeUndefined();
    // A config written by hand with redisUrl alone still names its Redis.
    expect(redisConnectionOf({ redisUrl: 'redis://r:1' })).toEqual({ mode: 'standalone', url: 'redis://r:1' });
  });

  it('reads Sentinels with the primary’s name, credentials and TLS', () => {
    const ca = caFile(PEM);
    const config = loadConfig({
      REDIS_SENTINELS: 'sentinel-0:26379, sentinel-1:26379,[::1]:26380',
      REDIS_SENTINEL_NAME: 'leads',
      REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
      REDIS_USERNAME: 'lead-graph',
      REDIS_PASSWORD: 'secret',
      REDIS_TLS: 'true',
      REDIS_TLS_CA_FILE: ca,
    });
    expect(config.redis).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: 'sentinel-0', port: 26379 },
        { host: 'sentinel-1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'leads',
      sentinelPassword: 'sentinel-secret',
      username: 'lead-graph',
      password: 'secret',
      tls: { ca: PEM },
    });
    expect(config.redisUrl).toBeUndefined();
  });

  it('reads cluster nodes', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:6379,10.0.0.2:6379', REDIS_TLS: 'true' }).redis).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 6379 },
        { host: '10.0.0.2', port: 6379 },
      ],
      tls: {},
    });
  });

  it('takes TLS from rediss:// for one server, with an extra CA', () => {
    const ca = caFile(PEM);
    expect(loadConfig({ REDIS_URL: 'rediss://redis:6380', REDIS_TLS_CA_FILE: ca }).redis).toEqual({
      mode: 'standalone',
      url: 'rediss://redis:6380',
      tls: { ca: PEM },
    });
  });

  it('refuses settings that contradict each other, naming them and never a password', () => {
    expect(problemsOf({ REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'r:6379' })).toEqual([
      'REDIS_URL and REDIS_CLUSTER_NODES contradict each other: set one (one server, Sentinels or a cluster)',
    ]);
    expect(problemsOf({ REDIS_SENTINELS: 's:26379' })).toEqual([
      'REDIS_SENTINEL_NAME must be set too, because REDIS_SENTINELS is set',
    ]);
    expect(problemsOf({ REDIS_PASSWORD: 'hunter2-secret', REDIS_TLS: 'true' })).toEqual([
      'REDIS_PASSWORD, REDIS_TLS need REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES',
    ]);
    const both = problemsOf({ REDIS_URL: 'redis://:in-url@r:6379', REDIS_PASSWORD: 'hunter2-secret' });
    expect(both).toEqual([
      'REDIS_PASSWORD / REDIS_USERNAME contradict the credentials in REDIS_URL: set them in one place',
    ]);
    expect(both.join()).not.toMatch(/hunter2|in-url/);
    expect(problemsOf({ REDIS_URL: 'redis://r:6379', REDIS_TLS: 'true' })).toEqual([
      'REDIS_TLS=true contradicts REDIS_URL redis://…: use rediss:// for TLS',
    ]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'r:6379', REDIS_TLS_CA_FILE: '/ca.pem' })).toEqual([
      'REDIS_TLS_CA_FILE needs TLS: REDIS_TLS=true, or a rediss:// REDIS_URL',
    ]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'r:6379', REDIS_SENTINEL_PASSWORD: 'x' })).toEqual([
      'REDIS_SENTINEL_PASSWORD needs REDIS_SENTINELS',
    ]);
  });

  it('names malformed node lists, a CA file it cannot use and a prefix with braces', () => {
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'r:6379,just-a-host' })).toEqual([
      'REDIS_CLUSTER_NODES.1 entries must be host:port',
    ]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'r:70000' })[0]).toMatch(
      /^REDIS_CLUSTER_NODES.* ports must be 1 to 65535/,
    );
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'r:1', REDIS_TLS: 'true', REDIS_TLS_CA_FILE: '/nowhere/ca.pem' })).toEqual(
      ['REDIS_TLS_CA_FILE /nowhere/ca.pem cannot be read (ENOENT)'],
    );
    const notPem = caFile('hello');
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'r:1', REDIS_TLS: 'true', REDIS_TLS_CA_FILE: notPem })).toEqual([
      `REDIS_TLS_CA_FILE ${notPem} holds no PEM certificate`,
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://r:1', REDIS_KEY_PREFIX: 'lg{x}:' })).toEqual([
      'REDIS_KEY_PREFIX must not contain { or }',
    ]);
  });

  it('knows every new name, so a typo of one is caught in production', () => {
    for (const name of [
      'REDIS_SENTINELS',
      'REDIS_SENTINEL_NAME',
      'REDIS_SENTINEL_PASSWORD',
      'REDIS_CLUSTER_NODES',
      'REDIS_USERNAME',
      'REDIS_PASSWORD',
      'REDIS_TLS',
      'REDIS_TLS_CA_FILE',
    ])
      expect(SETTING_NAMES).toContain(name);
    expect(problemsOf({ NODE_ENV: 'production', AUTH_DISABLED: 'true', REDIS_CLUSTER_NODE: 'r:1' })).toEqual([
      'REDIS_CLUSTER_NODE is not a setting of Lead Graph: did you mean REDIS_CLUSTER_NODES?',
    ]);
  });
});
