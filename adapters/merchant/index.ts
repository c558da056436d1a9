/**
 * The merchant as a party (README "The merchant as a party"): the answer page merchants reach through a signed
 * link (`/merchant/r/<token>`, on when MERCHANT_LINK_SECRET is set) and the signed inbound API for platforms
 * (`POST /api/merchant/answers`, on when MERCHANT_API_SECRET is set). Transport only: both call MerchantAnswers
 * (src/merchants/), which checks, stores and writes the answer on the case's timeline.
 */
import type { FastifyInstance } from 'fastify';
import type { ComplaintService } from '../../src/complaints/complaint.service.js';
import type { Config } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import { MerchantAnswers } from '../../src/merchants/merchant-answers.js';
import { merchantLinks } from '../../src/merchants/merchant-link.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';
import { registerMerchantApiRoutes } from './merchant-api.routes.js';
import { registerMerchantPageRoutes } from './merchant-page.routes.js';
import { MerchantRateLimit } from './merchant-rate-limit.js';

/** The settings the merchant routes read; the composition root hands them only these (configSection). */
export const MERCHANT_SETTINGS = [
  'MERCHANT_API_SECRET', 'MERCHANT_LINK_GRACE_HOURS', 'MERCHANT_LINK_SECRET', 'TIMEZONE', 'UPLOAD_MAX_BYTES',
] as const satisfies readonly (keyof Config)[];
export type MerchantConfig = Pick<Config, (typeof MERCHANT_SETTINGS)[number]>;

export interface MerchantDeps {
  config: MerchantConfig;
  complaints: ComplaintService;
  storage: FileStoragePort;
  redis: RedisClient;
  keys: RedisKeys;
  logger: Logger;
  now: () => number;
}

/** Whether either half has what it needs. */
export function merchantEnabled(config: Pick<Config, 'MERCHANT_LINK_SECRET' | 'MERCHANT_API_SECRET'>): boolean {
  return Boolean(config.MERCHANT_LINK_SECRET || config.MERCHANT_API_SECRET);
}

export async function registerMerchant(app: FastifyInstance, d: MerchantDeps): Promise<void> {
  const logger = d.logger.child({ adapter: 'merchant' });
  const answers = new MerchantAnswers(d.complaints, d.storage, {
    graceMs: d.config.MERCHANT_LINK_GRACE_HOURS * 3_600_000, maxBytes: d.config.UPLOAD_MAX_BYTES, now: d.now,
  });
  const links = merchantLinks(d.config, d.now);
  if (links) {
    const limit = new MerchantRateLimit(d.redis, d.keys);
    await app.register(async (scope) => registerMerchantPageRoutes(scope, { answers, links, limit, maxBytes: d.config.UPLOAD_MAX_BYTES, timeZone: d.config.TIMEZONE, now: d.now, logger }));
  }
  const secret = d.config.MERCHANT_API_SECRET;
  if (secret) await app.register(async (scope) => registerMerchantApiRoutes(scope, { answers, secret, maxBytes: d.config.UPLOAD_MAX_BYTES, now: d.now, logger }));
  logger.info({ page: Boolean(links), api: Boolean(secret) }, 'merchant: mounted');
}
