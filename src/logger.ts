import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Secrets never reach a log line: these paths are censored wherever they appear. */
const REDACT = [
  'password',
  '*.password',
  '*.*.password',
  'token',
  // Embed key secrets (and 2FA secrets) travel in responses only; should one ever be logged, it is censored.
  'secret',
  '*.secret',
  '*.*.secret',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'variables.*.password',
  'variables.input.password',
  'variables.input.currentPassword',
  'variables.input.token',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
