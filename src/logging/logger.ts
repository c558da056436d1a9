import { pino, type Logger as PinoLogger } from 'pino';

/**
 * The logging interface every module receives. Message text and payloads go at debug only;
 * known personal-data and secret fields are redacted whatever the level.
 */
export type Logger = Pick<PinoLogger, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'> & {
  child(bindings: Record<string, unknown>): Logger;
};

const REDACT = [
  'text', '*.text', 'password', '*.password', 'token', '*.token', 'secret', '*.secret',
  'authorization', '*.authorization', 'headers.authorization', 'headers.cookie', 'displayName', '*.displayName',
  'phone', '*.phone', 'email', '*.email',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'redress' } }, destination as never) as unknown as Logger;
}

export const silentLogger: Logger = createLogger('silent');
