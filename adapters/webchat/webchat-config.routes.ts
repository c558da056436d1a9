import type { FastifyInstance } from 'fastify';
import type { OriginCheck } from './webchat-origin.js';
import type { WidgetServerConfig } from './webchat.protocol.js';
import type { WebchatConfig } from './webchat.types.js';

/**
 * `GET /webchat/config` for the widget. Unlike the upload routes it answers every origin, since its point is to
 * tell a page on an origin that is not allowed exactly that (the WebSocket's 403 is invisible to page scripts).
 * It reveals only whether the asking origin is allowed, never the list.
 */
export function registerConfigRoute(app: FastifyInstance, config: Pick<WebchatConfig, 'BOT_NAME' | 'TIMEZONE' | 'SLA_FIRST_RESPONSE_MINUTES'>, checkOrigin: OriginCheck): void {
  app.get('/webchat/config', async (req, reply) => {
    const origin = req.headers.origin;
    // Browsers send Origin on every cross-origin fetch; without one the page is the server's own (same origin).
    const allowed = !origin || checkOrigin(origin, req.headers.host);
    const body: WidgetServerConfig = {
      allowed,
      ...(allowed ? {} : { reason: `This page's origin (${origin}) is not in WEBCHAT_ALLOWED_ORIGINS on the Redress server, so the chat cannot connect. Add it there.` }),
      ...(config.BOT_NAME ? { botName: config.BOT_NAME } : {}),
      timeZone: config.TIMEZONE,
      firstResponseMinutes: config.SLA_FIRST_RESPONSE_MINUTES,
    };
    return reply.header('Access-Control-Allow-Origin', '*').header('Cache-Control', 'no-store').send(body);
  });
}
