// The logger censors credentials in whatever object a line carries (a config, a request's
// headers), one level down and in `headers`, without touching the objects logged.
import { describe, expect, it } from 'vitest';
import { createLogger, redactLogFields } from '../../src/logger.js';

describe('log lines without secrets', () => {
  it('censors credential keys of logged objects and of their headers, and leaves the rest', () => {
    const config = {
      baseUrl: 'http://crm',
      token: 'T',
      password: 'P',
      headers: { authorization: 'Bearer X', accept: 'json' },
    };
    const fields = { config, headers: { token: 'H', 'x-request-id': 'r1' }, vendors: ['ZEN'], durationMs: 3 };
    expect(redactLogFields(fields)).toEqual({
      config: {
        baseUrl: 'http://crm',
        token: '[REDACTED]',
        password: '[REDACTED]',
        headers: { authorization: '[REDACTED]', accept: 'json' },
      },
      headers: { token: '[REDACTED]', 'x-request-id': 'r1' },
      vendors: ['ZEN'],
      durationMs: 3,
    });
    // What was logged is not changed: its secrets are replaced in copies.
    expect(config.token).toBe('T');
    expect(config.headers.authorization).toBe('Bearer X');
  });

  it('gives a line without secrets back as it is, without copying it', () => {
    const fields = { requestId: 'r1', result: 'ok', errorCodes: [], vendors: ['LEANCORE'] };
    expect(redactLogFields(fields)).toBe(fields);
  });

  it('censors the credentials a logged error carries in its own fields', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    const error = Object.assign(new Error('connect refused'), { password: 'S3CRET', options: { token: 'T0KEN' } });
    logger.error({ err: error }, 'store failed');
    expect(lines.join('')).not.toMatch(/S3CRET|T0KEN/);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      err: { message: 'connect refused', password: '[REDACTED]', options: { token: '[REDACTED]' } },
    });
  });

  it('applies to every line a logger writes', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    logger.info({ vendor: { appSecret: 'S3CRET', accessToken: 'A', access_token: 'B' } }, 'configured');
    expect(lines.join('')).not.toMatch(/S3CRET|"A"|"B"/);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      vendor: { appSecret: '[REDACTED]', accessToken: '[REDACTED]', access_token: '[REDACTED]' },
    });
  });
});
