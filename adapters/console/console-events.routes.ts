import type { FastifyInstance } from 'fastify';
import { authOf, type ConsoleAuth } from './console-auth.js';
import type { ConsoleLiveHub } from './console-live.hub.js';
import type { ConsoleSessionStore } from './console-session.js';

export interface EventDeps {
  auth: ConsoleAuth;
  hub: ConsoleLiveHub;
  sessions: ConsoleSessionStore;
  now: () => number;
  /** Comment line keeping proxies from closing a quiet stream; also when the session is re-checked. */
  heartbeatMs?: number;
}

/**
 * `GET /console/events`: Server-Sent Events relaying the live channel. A reconnecting page gets a fresh
 * `hello` and re-reads everything, which is what makes a missed message harmless.
 */
export async function registerEventRoutes(scope: FastifyInstance, d: EventDeps): Promise<void> {
  const open = new Set<() => void>();
  scope.addHook('preClose', async () => {
    for (const end of open) end();
  });

  scope.get('/events', { preHandler: d.auth.requireApi }, async (req, reply) => {
    const { agent, session } = authOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store',
      connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-content-type-options': 'nosniff',
    });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    res.write('retry: 3000\n\n');
    send('hello', { serverNow: d.now(), agentId: agent.id });
    const remove = d.hub.add({ agentId: agent.id, supervisor: agent.role === 'supervisor', send });

    // A logout or expiry elsewhere ends this stream too, at the next heartbeat.
    const heartbeat = setInterval(() => {
      res.write(': ping\n\n');
      d.sessions.peek(session.id).then((s) => {
        if (!s) end('logout');
      }, () => undefined);
    }, d.heartbeatMs ?? 25_000);
    heartbeat.unref();

    function end(event?: string): void {
      clearInterval(heartbeat);
      remove();
      open.delete(end);
      if (event && !res.writableEnded) send(event, {});
      if (!res.writableEnded) res.end();
    }
    open.add(end);
    req.raw.on('close', () => end());
  });
}
