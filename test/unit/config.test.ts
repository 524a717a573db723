import { describe, expect, it } from 'vitest';
import { loadConfig, SETTING_NAMES, unknownSettings } from '../../src/config.js';
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

describe('loadConfig', () => {
  it('has working defaults and no vendor when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 4000,
      logLevel: 'info',
      defaultPhoneRegion: 'CO',
      vendors: {},
      shutdownTimeoutMs: 25_000,
      shutdownDelayMs: 5_000,
      subscriptions: { maxPerConnection: 10, maxPerProcess: 10_000, maxConnections: 5_000 },
      http: { corsOrigins: 'any', maxBodyBytes: 1_000_000 },
      auth: { apiKeys: [], disabled: false },
      queryLimits: {
        maxDepth: 6,
        maxAliases: 15,
        maxDirectives: 50,
        maxTokens: 1_000,
        maxSelections: 2_000,
        maxCost: 5_000,
      },
      resilience: { requestTimeoutMs: 25_000, maxVendorCallsPerOperation: 200, circuitOpenMs: 10_000 },
    });
  });

  it('enables a vendor whose variables are all set, with its own timeout', () => {
    const config = loadConfig({
      LEANCORE_BASE_URL: 'https://api.leancore.co/',
      LEANCORE_TOKEN: 'secret-token',
      LEANCORE_TIMEOUT_MS: '2500',
      VENDOR_MAX_CONCURRENCY: '4',
    });
    expect(config.vendors).toEqual({
      leancore: {
        baseUrl: 'https://api.leancore.co',
        token: 'secret-token',
        timeoutMs: 2500,
        maxConcurrency: 4,
        maxQueue: 1_000,
        mode: 'LIVE',
      },
    });
  });

  it('raises concurrency to 64 calls per vendor by default, with a per-vendor setting', () => {
    const config = loadConfig({
      LEANCORE_BASE_URL: 'https://api.leancore.co',
      LEANCORE_TOKEN: 'secret-token',
      LEANCORE_MAX_CONCURRENCY: '16',
      ZEN_URL: 'https://zen.example/api/{date}',
      ZEN_TOKEN: 'zen-token',
      VENDOR_MAX_QUEUE: '50',
      REQUEST_TIMEOUT_MS: '5000',
      MAX_VENDOR_CALLS_PER_OPERATION: '20',
      VENDOR_CIRCUIT_OPEN_MS: '3000',
    });
    expect(config.vendors.leancore).toMatchObject({ maxConcurrency: 16, maxQueue: 50 });
    expect(config.vendors.zen).toMatchObject({ maxConcurrency: 64, maxQueue: 50 });
    expect(config.resilience).toEqual({ requestTimeoutMs: 5000, maxVendorCallsPerOperation: 20, circuitOpenMs: 3000 });
    expect(problemsOf({ REQUEST_TIMEOUT_MS: '10', BESCHANNELS_MAX_CONCURRENCY: '0' })).toHaveLength(2);
  });

  it('reads the operating settings: drain bound, metrics token, trace export', () => {
    const config = loadConfig({
      SHUTDOWN_TIMEOUT_MS: '5000',
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/',
      OTEL_SERVICE_NAME: 'lead-graph-eu',
    });
    expect([config.shutdownTimeoutMs, config.metricsToken, config.tracing]).toEqual([
      5000,
      'a-long-enough-metrics-token',
      { endpoint: 'http://otel-collector:4318', serviceName: 'lead-graph-eu' },
    ]);
    expect(loadConfig({ OTEL_SERVICE_NAME: 'lead-graph-eu' }).tracing).toBeUndefined();
    const problems = problemsOf({ METRICS_TOKEN: 'short-secret', SHUTDOWN_TIMEOUT_MS: '-1' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['METRICS_TOKEN', 'SHUTDOWN_TIMEOUT_MS']);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('reads the settings of issue 20: selection bound, token age, public metrics', () => {
    const config = loadConfig({
      MAX_QUERY_SELECTIONS: '500',
      METRICS_PUBLIC: 'true',
      JWT_JWKS_URL: 'https://id.example.com/jwks.json',
      JWT_ISSUER: 'https://id.example.com/',
      JWT_AUDIENCE: 'lead-graph',
      JWT_MAX_TOKEN_AGE_SECONDS: '3600',
    });
    expect([config.queryLimits.maxSelections, config.metricsPublic, config.auth.jwt?.maxTokenAgeSeconds]).toEqual([
      500,
      true,
      3600,
    ]);
    expect(loadConfig({}).metricsPublic).toBeUndefined();
    const problems = problemsOf({ MAX_QUERY_SELECTIONS: '0', METRICS_PUBLIC: 'yes', JWT_MAX_TOKEN_AGE_SECONDS: '-5' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'JWT_MAX_TOKEN_AGE_SECONDS',
      'MAX_QUERY_SELECTIONS',
      'METRICS_PUBLIC',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ LEANCORE_BASE_URL: '', LEANCORE_TOKEN: ' ' }).vendors).toEqual({});
  });

  it('refuses a partly configured vendor, naming what is missing and not printing the secret', () => {
    const problems = problemsOf({ CRMCOM_USERNAME: 'ops', CRMCOM_PASSWORD: 'hunter2-very-secret' });
    expect(problems).toEqual([
      'CRMCOM_BASE_URL, CRMCOM_ORGANISATION must be set too, because CRMCOM_USERNAME, CRMCOM_PASSWORD is set',
    ]);
    expect(problems.join()).not.toContain('hunter2');
  });

  it('names each malformed variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DEFAULT_PHONE_REGION: 'XX',
      LEANCORE_BASE_URL: 'ftp://leancore',
      LEANCORE_TOKEN: 't',
      CRMCOM_BASE_URL: 'https://crm.example.com/api',
      CRMCOM_USERNAME: 'u',
      CRMCOM_PASSWORD: 'p',
      CRMCOM_ORGANISATION: 'o',
      LEANCORE_TIMEOUT_MS: '60000',
    });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'CRMCOM_BASE_URL',
      'DEFAULT_PHONE_REGION',
      'LEANCORE_BASE_URL',
      'LEANCORE_TIMEOUT_MS',
      'PORT',
    ]);
    expect(problems.find((p) => p.startsWith('CRMCOM_BASE_URL'))).toMatch(/\/crmapi\/rest\/v2/);
  });
});

describe('settings that look like ours but are not', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_DISABLED: 'true',
    LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
  };

  it('stops a production start on a mistyped name, naming the variable it most likely meant', () => {
    expect(problemsOf({ ...production, REDIS_ULR: 'redis://redis:6379' })).toEqual([
      'REDIS_ULR is not a setting of Lead Graph: did you mean REDIS_URL?',
    ]);
    expect(problemsOf({ ...production, API_KEY: 'a'.repeat(20), SHUTDOWN_TIMEOUT: '5000' })).toEqual([
      'API_KEY is not a setting of Lead Graph: did you mean API_KEYS?',
      'SHUTDOWN_TIMEOUT is not a setting of Lead Graph: did you mean SHUTDOWN_TIMEOUT_MS?',
    ]);
    // The wrong case is a mistake too.
    expect(problemsOf({ ...production, redis_url: 'redis://redis:6379' })).toEqual([
      'redis_url is not a setting of Lead Graph: did you mean REDIS_URL?',
    ]);
  });

  it('stops it on a name with a prefix only our settings use, however far from any of them', () => {
    expect(problemsOf({ ...production, ZEN_API_TOKEN_VALUE: 'x', LEANCORE_API_TOKEN: 'x' })).toEqual([
      'ZEN_API_TOKEN_VALUE is not a setting of Lead Graph: did you mean ZEN_TOKEN?',
      'LEANCORE_API_TOKEN is not a setting of Lead Graph: did you mean LEANCORE_TOKEN?',
    ]);
  });

  it('only reports them outside production, where the start goes on', () => {
    expect(loadConfig({ REDIS_ULR: 'redis://redis:6379' }).redisUrl).toBeUndefined();
    expect(unknownSettings({ REDIS_ULR: 'redis://redis:6379' })).toEqual([
      { name: 'REDIS_ULR', suggestion: 'REDIS_URL' },
    ]);
  });

  it('leaves alone what containers, Kubernetes, Node and other tools set', () => {
    const machine = {
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/node',
      HOSTNAME: 'lead-graph-7c9f',
      PWD: '/app',
      TZ: 'UTC',
      LANG: 'C.UTF-8',
      NODE_VERSION: '22.12.0',
      YARN_VERSION: '1.22.22',
      NODE_OPTIONS: '--max-old-space-size=512',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/ca.pem',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod',
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      KUBERNETES_PORT: 'tcp://10.0.0.1:443',
      REDIS_SERVICE_HOST: '10.0.0.7',
      REDIS_SERVICE_PORT: '6379',
      REDIS_PORT: 'tcp://10.0.0.7:6379',
      REDIS_PORT_6379_TCP: 'tcp://10.0.0.7:6379',
      REDIS_PORT_6379_TCP_ADDR: '10.0.0.7',
      npm_config_cache: '/tmp/npm',
      npm_lifecycle_event: 'start',
    };
    expect(unknownSettings(machine)).toEqual([]);
    expect(() => loadConfig({ ...production, ...machine })).not.toThrow();
    // Every name the server reads is known, so none of them is ever reported.
    expect(unknownSettings(Object.fromEntries(SETTING_NAMES.map((name) => [name, 'x'])))).toEqual([]);
  });

  it('reads the assignment log’s bounds, each defaulting alone', () => {
    expect(loadConfig({}).assignmentLog).toBeUndefined(); // the defaults: 1,000 entries, 30 days
    expect(loadConfig({ ASSIGNMENT_LOG_MAX_PER_ENTITY: '50' }).assignmentLog).toEqual({
      maxPerEntity: 50,
      ttlSeconds: 30 * 24 * 60 * 60,
    });
    expect(loadConfig({ ASSIGNMENT_LOG_TTL_SECONDS: '3600' }).assignmentLog).toEqual({
      maxPerEntity: 1000,
      ttlSeconds: 3600,
    });
    const problems = problemsOf({ ASSIGNMENT_LOG_MAX_PER_ENTITY: '0', ASSIGNMENT_LOG_TTL_SECONDS: '10' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'ASSIGNMENT_LOG_MAX_PER_ENTITY',
      'ASSIGNMENT_LOG_TTL_SECONDS',
    ]);
  });

  it('reads SHUTDOWN_DELAY_MS, the time a load balancer has to notice a stop', () => {
    expect(loadConfig({ SHUTDOWN_DELAY_MS: '1500' }).shutdownDelayMs).toBe(1500);
    expect(problemsOf({ SHUTDOWN_DELAY_MS: '-1' })).toHaveLength(1);
  });
  it('reads ROUTER_SECRET (kept as a hash) and its header, refusing a short secret without printing it', () => {
    const secret = 'a-router-secret-of-enough-length';
    const { routerSecret } = loadConfig({ ROUTER_SECRET: secret }).auth;
    expect(routerSecret?.header).toBe('x-router-secret');
    expect(JSON.stringify(routerSecret)).not.toContain(secret);
    expect(loadConfig({ ROUTER_SECRET: secret, ROUTER_SECRET_HEADER: 'X-From-Router' }).auth.routerSecret?.header).toBe(
      'x-from-router',
    );
    expect(loadConfig({}).auth.routerSecret).toBeUndefined();
    const problems = problemsOf({ ROUTER_SECRET: 'short-secret', ROUTER_SECRET_HEADER: 'x-api-key' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['ROUTER_SECRET', 'ROUTER_SECRET_HEADER']);
    expect(problems.join()).not.toContain('short-secret');
    expect(problemsOf({ ROUTER_SECRET_HEADER: 'x-from-router' })).toEqual(['ROUTER_SECRET_HEADER needs ROUTER_SECRET']);
  });
});

describe('LEAD_ID_KEY and LEAD_ID_OLD_KEYS (decision 0111)', () => {
  const KEY = 'a-lead-id-key-of-32-characters-0001';
  const OLD = 'a-lead-id-key-of-32-characters-0000';

  it('production refuses to start without LEAD_ID_KEY, saying how to make one', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_DISABLED: 'true' })).toEqual([
      expect.stringMatching(/^NODE_ENV=production needs LEAD_ID_KEY .*openssl rand -base64 32/),
    ]);
  });

  it('reads the key and the old keys; development may go without', () => {
    expect(loadConfig({ LEAD_ID_KEY: KEY, LEAD_ID_OLD_KEYS: ` ${OLD} ` }).leadIdKeys).toEqual({
      current: KEY,
      old: [OLD],
    });
    expect(loadConfig({}).leadIdKeys).toBeUndefined();
  });

  it('refuses a short key, without repeating it, and old keys without a current one', () => {
    const problems = problemsOf({ LEAD_ID_KEY: 'short-key' });
    expect(problems).toEqual([expect.stringMatching(/^LEAD_ID_KEY must be at least 32 characters/)]);
    expect(problems.join()).not.toContain('short-key');
    expect(problemsOf({ LEAD_ID_OLD_KEYS: OLD })).toEqual([
      'LEAD_ID_OLD_KEYS needs LEAD_ID_KEY (the key new ids are sealed with)',
    ]);
  });
});
