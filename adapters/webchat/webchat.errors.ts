import { RedressError } from '../../src/errors.js';
import type { WebchatErrorCode } from './webchat.protocol.js';

/**
 * An expected failure of the web channel. `wireCode` is what the widget sees in an error frame or JSON body;
 * `code` maps it onto the core's RedressErrorCode set so shared error handling still branches on it.
 */
export class WebchatError extends RedressError {
  /** Set when the failure concerns one consumer message, so the widget can mark that message. */
  clientId?: string;

  constructor(
    readonly wireCode: WebchatErrorCode,
    message: string,
    readonly httpStatus = 400,
    readonly retryAfterMs?: number,
  ) {
    super(wireCode === 'input.too_large' || wireCode === 'upload.too_large' ? 'input.too_large' : 'input.invalid', message, { wireCode });
    this.name = 'WebchatError';
  }
}

export function isWebchatError(err: unknown): err is WebchatError {
  return err instanceof WebchatError;
}
