/**
 * GET …/api/events/deliveries?complaintId=&limit= : the outgoing events' delivery log (newest first), for agents
 * behind the console's authenticated API. Mounted by the console; transport only.
 */
import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { RedressError } from '../errors.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { EventDeliveryLog } from './event-delivery-log.js';

export interface EventDeliveryRouteDeps {
  /** The console's API guard (session and, for changes, CSRF). */
  requireApi: RouteShorthandOptions['preHandler'];
  redis: RedisClient;
  keys: RedisKeys;
  /** Whether EVENTS_WEBHOOK_URL is set, so an empty log can say why. */
  enabled: boolean;
}

const COMPLAINT_ID = /^[A-Za-z0-9-]{1,64}$/;

export async function registerEventDeliveryRoutes(scope: FastifyInstance, d: EventDeliveryRouteDeps): Promise<void> {
  const log = new EventDeliveryLog(d.redis, d.keys);
  scope.get<{ Querystring: Record<string, unknown> }>('/api/events/deliveries', { preHandler: d.requireApi }, async (req) => {
    const { complaintId, limit } = req.query;
    if (complaintId !== undefined && (typeof complaintId !== 'string' || !COMPLAINT_ID.test(complaintId))) {
      throw new RedressError('input.invalid', 'Give "complaintId" once, as a complaint number such as RD-20261201-0001.');
    }
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new RedressError('input.invalid', 'Give "limit" as a whole number from 1 to 1000.');
    return { enabled: d.enabled, deliveries: await log.recent(n, complaintId as string | undefined) };
  });
}
