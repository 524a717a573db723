import { pino, type DestinationStream, type Logger } from 'pino';

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

/** `destination` defaults to stdout; tests pass one to read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { name: 'lead-graph', level, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } };
  return destination ? pino(options, destination) : pino(options);
}
