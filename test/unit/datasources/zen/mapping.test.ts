import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';
import { ConfigError } from '../../../../src/errors.js';
import { isoDateIn, parseDateArgument } from '../../../../src/datasources/zen/dates.js';
import {
  mapZenTotals,
  zenErrorMessage,
  zenRequestTarget,
  zenTotalsSchema,
} from '../../../../src/datasources/zen/mapping.js';
import { parseVendorPayload } from '../../../../src/datasources/shared/payload.js';
import { UpstreamError } from '../../../../src/errors.js';
import { zenSeedTotals } from '../../../../src/simulators/zen-seed.js';

const map = (body: unknown) =>
  mapZenTotals(parseVendorPayload(zenTotalsSchema, body, 'ZEN', 'distribution totals'), '2026-11-20');

describe('Zen totals mapping', () => {
  it('maps a full answer to English with numbers', () => {
    const totals = map(zenSeedTotals('2026-11-20'));
    expect(totals.date).toBe('2026-11-20');
    expect(totals.errors).toEqual({ withError: 2, ungrouped: 1, contactLimitExceeded: 0, duplicates: 3 });
    expect(totals.users[0]).toEqual({
      name: 'Mariana Souza',
      totalLeads: 12,
      origins: [
        { code: '3', name: 'Site', count: 8 },
        { code: '7', name: 'Facebook Ads', count: 4 },
      ],
      segments: [{ code: '1', name: 'Imóveis residenciais', count: 12 }],
      automations: [{ code: '21', name: 'Boas-vindas', count: 10 }],
      productsAndServices: [
        { code: '105', name: 'Apartamento 2 quartos', count: 9 },
        { code: '106', name: 'Cobertura', count: 3 },
      ],
    });
  });

  it('treats empty, null and missing lists and errors as empty', () => {
    const totals = map({
      data: '2026-11-20',
      usuarios: [
        { nome: 'Ana', total_lead: '0', origem: [], segmento: null },
        { nome: 'Bruno', total_lead: 4 },
      ],
      erros: [],
    });
    expect(totals.users).toEqual([
      { name: 'Ana', totalLeads: 0, origins: [], segments: [], automations: [], productsAndServices: [] },
      { name: 'Bruno', totalLeads: 4, origins: [], segments: [], automations: [], productsAndServices: [] },
    ]);
    expect(totals.errors).toEqual({ withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 });
    expect(map({ data: '2026-11-20', usuarios: null })).toEqual({
      date: '2026-11-20',
      users: [],
      errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 },
    });
    expect(map({ usuarios: [], erros: { duplicados: '7' } }).errors.duplicates).toBe(7);
  });

  it.each([
    ['no usuarios at all', { data: '2026-11-20', erros: {} }],
    ['Zen’s error shape', { error: 'Erro interno' }],
    ['an empty object', {}],
  ])('refuses an answer with %s as UPSTREAM_ERROR, never as empty totals', (_, body) => {
    expect(() => map(body)).toThrow(/cannot read \(usuarios\)/);
  });

  it.each([
    [{ error: 'Erro interno' }, 'Erro interno'],
    [{ error: { message: 'Falha', code: 7 } }, 'Falha'],
    [{ error: 42 }, '42'],
    [{ error: null, usuarios: [] }, undefined],
    [{ usuarios: [] }, undefined],
    [[{ error: 'x' }], undefined],
  ])('reads the message of Zen’s error shape: %j', (body, message) => {
    expect(zenErrorMessage(body)).toBe(message);
  });

  it.each([
    ['a word', { usuarios: [{ nome: 'Ana', total_lead: 'doze' }] }, 'usuarios.0.total_lead'],
    ['a decimal', { usuarios: [{ nome: 'Ana', total_lead: '1.5' }] }, 'usuarios.0.total_lead'],
    ['a negative', { usuarios: [{ nome: 'Ana', total_lead: '-1' }] }, 'usuarios.0.total_lead'],
    ['an empty string', { usuarios: [], erros: { com_erro: '' } }, 'erros'],
    ['digits with text', { usuarios: [{ nome: 'A', total_lead: '1', origem: [{ quantidade: '3 leads' }] }] }, 'origem'],
    ['too large for Int', { usuarios: [{ nome: 'Ana', total_lead: '99999999999' }] }, 'total_lead'],
  ])('refuses a count that is %s as UPSTREAM_ERROR', (_, body, field) => {
    let error: unknown;
    try {
      map(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).code).toBe('UPSTREAM_ERROR');
    expect((error as UpstreamError).message).toContain(field);
  });
});

describe('Zen URL', () => {
  it('appends the date as the last path segment when ZEN_URL has no {date}', () => {
    expect(zenRequestTarget('https://api.zen.example/integracao/totais', '2026-11-20')).toEqual({
      baseUrl: 'https://api.zen.example',
      path: '/integracao/totais/2026-11-20',
    });
    expect(zenRequestTarget('https://api.zen.example/totais?conta=9', '2026-11-20').path).toBe(
      '/totais/2026-11-20?conta=9',
    );
    expect(zenRequestTarget('http://127.0.0.1:8080', '2026-11-20')).toEqual({
      baseUrl: 'http://127.0.0.1:8080',
      path: '/2026-11-20',
    });
  });

  it('puts the date where ZEN_URL says {date}', () => {
    expect(zenRequestTarget('https://zen.example/api/totais/{date}/usuarios?x=1', '2026-11-20')).toEqual({
      baseUrl: 'https://zen.example',
      path: '/api/totais/2026-11-20/usuarios?x=1',
    });
    expect(zenRequestTarget('https://zen.example/api?data={date}', '2026-11-20').path).toBe('/api?data=2026-11-20');
  });
});

describe('Zen dates', () => {
  it('accepts calendar dates only', () => {
    expect(parseDateArgument('2024-02-29')).toBe('2024-02-29');
    expect(parseDateArgument(new Date('2024-02-29T00:00:00Z'))).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', '20240101', '2024-1-01', '', 42]) {
      expect(() => parseDateArgument(bad)).toThrow(/YYYY-MM-DD/);
    }
  });

  it('says which day it is in the configured zone', () => {
    const lateEvening = Date.parse('2026-11-24T01:30:00Z'); // 22:30 on the 23rd in São Paulo
    expect(isoDateIn('America/Sao_Paulo', lateEvening)).toBe('2026-11-23');
    expect(isoDateIn('UTC', lateEvening)).toBe('2026-11-24');
  });
});

describe('Zen and Redis configuration', () => {
  const zen = { ZEN_URL: 'https://zen.example/api/totais/{date}', ZEN_TOKEN: 'secret-token' };

  it('has an explicit default policy and reads overrides', () => {
    expect(loadConfig(zen).vendors.zen).toMatchObject({
      baseUrl: 'https://zen.example/api/totais/{date}',
      timeZone: 'America/Sao_Paulo',
      todayTtlSeconds: 0,
      pastDayTtlSeconds: 86_400,
      storeWaitMs: 500,
    });
    const config = loadConfig({
      ...zen,
      ZEN_TIME_ZONE: 'UTC',
      ZEN_CACHE_TODAY_TTL_SECONDS: '600',
      ZEN_CACHE_PAST_TTL_SECONDS: '3600',
      ZEN_STORE_WAIT_MS: '200',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      REDIS_KEY_PREFIX: 'lg:',
    });
    expect(config.vendors.zen).toMatchObject({
      timeZone: 'UTC',
      todayTtlSeconds: 600,
      pastDayTtlSeconds: 3600,
      storeWaitMs: 200,
    });
    expect(config).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379/0', redisKeyPrefix: 'lg:' });
    expect(loadConfig({}).redisUrl).toBeUndefined();
  });

  it.each([
    ['ZEN_TIME_ZONE', 'Mars/Olympus'],
    ['ZEN_CACHE_TODAY_TTL_SECONDS', '-1'],
    ['ZEN_CACHE_PAST_TTL_SECONDS', 'a day'],
    ['ZEN_STORE_WAIT_MS', '0'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
  ])('refuses a bad %s', (name, value) => {
    expect(() => loadConfig({ ...zen, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...zen, [name]: value })).toThrow(name);
  });
});
