import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Locale } from '../../src/complaints/complaint.types.js';
import { t } from '../../src/i18n/catalog.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { WebchatError } from './webchat.errors.js';
import type { WebchatKeys } from './webchat-keys.js';

const HOUR_S = 3600;
/** How soon a refused upload may be retried when the refusal is about uploads in flight, not an hourly quota. */
const BUSY_RETRY_MS = 5_000;

export interface UploadLimitOptions {
  perSessionPerHour: number;
  perSessionBytesPerHour: number;
  perIpPerHour: number;
  perIpBytesPerHour: number;
  inFlightPerSession: number;
  inFlightPerProcess: number;
}

/** What one upload was allowed: release it when done, `record` its size once stored. */
export interface UploadPermit {
  /** Bytes this upload may still take before an hourly byte quota refuses it (the single-file limit is separate). */
  roomBytes: number;
  /** When the byte quota that leaves the least room frees up. */
  quotaRetryMs: number;
  record(sizeBytes: number): Promise<void>;
  release(): void;
}

/**
 * The limits an upload passes before its first byte is read (issue 13: one session sent 150 parallel 10 MB photos
 * and the server ran out of memory). Uploads in flight are counted in this process: a cap on the work this process
 * does at once. Hourly counts and bytes, per session and per client address, live in Redis so they hold across
 * processes. Every refusal is a WebchatError with the consumer's language and a retry time.
 */
export class WebchatUploadLimits {
  private readonly inFlight = new Map<string, number>();
  private processInFlight = 0;
  private readonly count: { session: RateLimiterRedis; ip: RateLimiterRedis };
  private readonly bytes: { session: RateLimiterRedis; ip: RateLimiterRedis };

  constructor(redis: RedisClient, keys: WebchatKeys, private readonly opts: UploadLimitOptions) {
    const limiter = (name: string, points: number) => new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.rateLimitPrefix(name), points, duration: HOUR_S });
    this.count = { session: limiter('up-session', opts.perSessionPerHour), ip: limiter('up-ip', opts.perIpPerHour) };
    this.bytes = { session: limiter('up-bytes-session', opts.perSessionBytesPerHour), ip: limiter('up-bytes-ip', opts.perIpBytesPerHour) };
  }

  /** Uploads being written by this process now. */
  get active(): number {
    return this.processInFlight;
  }

  async admit(sessionId: string, ip: string, locale: Locale): Promise<UploadPermit> {
    // In-flight caps first: they cost no Redis trip and are what a flood hits.
    if (this.processInFlight >= this.opts.inFlightPerProcess) {
      throw new WebchatError('server.unavailable', t(locale, 'upload.busy_server', { seconds: BUSY_RETRY_MS / 1000 }), 503, BUSY_RETRY_MS);
    }
    const mine = this.inFlight.get(sessionId) ?? 0;
    if (mine >= this.opts.inFlightPerSession) throw new WebchatError('rate.limited', t(locale, 'upload.busy_session'), 429, BUSY_RETRY_MS);
    this.take(sessionId);
    let released = false;
    const release = () => {
      if (!released) this.give(sessionId);
      released = true;
    };
    try {
      const room = await this.roomFor(sessionId, ip, locale);
      await consumeOne(this.count.session, sessionId, locale);
      await consumeOne(this.count.ip, ip, locale);
      const record = async (sizeBytes: number) => {
        await Promise.all([this.bytes.session.penalty(sessionId, sizeBytes), this.bytes.ip.penalty(ip, sizeBytes)]);
      };
      return { roomBytes: room.left, quotaRetryMs: room.ms || HOUR_S * 1000, record, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  /** Bytes left this hour for both the session and the address; refuses when either has none left. */
  private async roomFor(sessionId: string, ip: string, locale: Locale): Promise<{ left: number; ms: number }> {
    const [s, a] = await Promise.all([this.bytes.session.get(sessionId), this.bytes.ip.get(ip)]);
    const left = (res: RateLimiterRes | null, points: number) => ({ left: points - (res?.consumedPoints ?? 0), ms: res?.msBeforeNext ?? 0 });
    const both = [left(s, this.opts.perSessionBytesPerHour), left(a, this.opts.perIpBytesPerHour)];
    const spent = both.find((x) => x.left <= 0);
    if (spent) throw hourly(locale, 'upload.hourly_bytes', spent.ms);
    return both[0]!.left <= both[1]!.left ? both[0]! : both[1]!;
  }

  private take(sessionId: string): void {
    this.processInFlight += 1;
    this.inFlight.set(sessionId, (this.inFlight.get(sessionId) ?? 0) + 1);
  }

  private give(sessionId: string): void {
    this.processInFlight -= 1;
    const n = (this.inFlight.get(sessionId) ?? 1) - 1;
    if (n > 0) this.inFlight.set(sessionId, n);
    else this.inFlight.delete(sessionId);
  }
}

/** The refusal for an hourly quota, with minutes until it frees up. */
export function hourly(locale: Locale, key: 'upload.hourly_count' | 'upload.hourly_bytes', msBeforeNext: number): WebchatError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new WebchatError('rate.limited', t(locale, key, { minutes }), 429, Math.max(1000, msBeforeNext));
}

async function consumeOne(limiter: RateLimiterRedis, key: string, locale: Locale): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw hourly(locale, 'upload.hourly_count', res.msBeforeNext);
    throw res;
  }
}
