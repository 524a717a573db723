import { pino, type Logger } from 'pino';

export type { Logger };

// Credentials must never reach a log line, even when a whole config or header object is logged.
const REDACTED_PATHS = [
  '*.token',
  '*.password',
  '*.appSecret',
  '*.accessToken',
  '*.access_token',
  'headers.authorization',
  'headers.token',
  '*.headers.authorization',
  '*.headers.token',
];

export function createLogger(level: string): Logger {
  return pino({ name: 'lead-graph', level, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } });
}
