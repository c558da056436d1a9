import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ComplaintService } from '../../src/complaints/complaint.service.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { publishAgentTyping } from '../webchat/index.js';
import { authOf } from './console-auth.js';
import { ConsoleError } from './console-errors.js';

export interface TypingDeps {
  redis: RedisClient;
  keys: RedisKeys;
  complaints: ComplaintService;
  now: () => number;
}

const body = z.object({ on: z.boolean() });
/** Starts are taken at most once a second per case (the page sends one per 3 s); a stop passes unless one just did. */
const MIN_GAP_MS = 1000;
const MAX_TRACKED = 10_000;

/**
 * `POST /console/api/cases/:id/typing {on}`: the owner (or a supervisor) is typing a reply in the case page.
 * Published to the consumer's widget conversation through the web channel's fan-out; other channels skip it
 * (Telegram's channel has no way to send a chat action yet). Session and CSRF as every console write.
 */
export function registerTypingRoute(scope: FastifyInstance, d: TypingDeps): void {
  // Per process: a busy case page talks to one process at a time, and a second process at worst doubles the bound.
  const last = new Map<string, { at: number; on: boolean }>();
  scope.post<{ Params: { id: string } }>('/cases/:id/typing', async (req, reply) => {
    const { on } = body.parse(req.body ?? {});
    const { agent } = authOf(req);
    const c = await d.complaints.store.require(req.params.id);
    if (c.assigneeId !== agent.id && agent.role !== 'supervisor') {
      throw new ConsoleError('console.forbidden', 403, 'Only the case owner or a supervisor can type to this consumer.');
    }
    const now = d.now();
    const prev = last.get(c.id);
    // A start within a second of the last signal, or a stop after a stop, is dropped: at most two publishes a second.
    const skip = on ? prev !== undefined && now - prev.at < MIN_GAP_MS : prev?.on === false;
    if (skip || c.address.channel !== 'webchat') return reply.code(204).send();
    last.delete(c.id);
    if (last.size >= MAX_TRACKED) last.delete(last.keys().next().value as string);
    last.set(c.id, { at: now, on });
    await publishAgentTyping(d.redis, d.keys, c.address.conversationId, { on, name: agent.name });
    return reply.code(204).send();
  });
}
