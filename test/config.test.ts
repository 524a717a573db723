import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

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
