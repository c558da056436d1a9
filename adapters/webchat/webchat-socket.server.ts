import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { asUnavailable, isWebchatError } from './webchat.errors.js';
import { WebchatConnection, type ConnectionContext } from './webchat-connection.js';
import type { OriginCheck } from './webchat-origin.js';

export const SOCKET_PATH = '/webchat/ws';
const HEARTBEAT_MS = 30_000;

/**
 * The widget's WebSocket on the shared fastify server (ws in noServer mode on the `upgrade` event). Origin and
 * per-IP limits are checked before the upgrade, so a refused page never gets a socket. Upgrades for other paths
 * are left to whoever else listens.
 */
export function attachSocketServer(app: FastifyInstance, ctx: ConnectionContext, checkOrigin: OriginCheck): void {
  // Frames beyond MESSAGE_MAX_CHARS still arrive (and get a polite error frame); only absurd ones close the socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(256 * 1024, ctx.maxChars * 8) });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== SOCKET_PATH) return;
    if (!checkOrigin(req.headers.origin, req.headers.host)) {
      return refuse(socket, 403, 'origin.not_allowed', 'This website may not open the chat. The shop must add its origin to WEBCHAT_ALLOWED_ORIGINS.');
    }
    // The server's one TRUST_PROXY rule (src/http/client-ip.ts): a forged X-Forwarded-For is ignored unless configured.
    const ip = app.clientIp(req);
    ctx.redisReady().then(() => ctx.limits.consumeIp(ip)).then(
      () => wss.handleUpgrade(req, socket, head, (ws) => {
        alive.set(ws, true);
        ws.on('pong', () => alive.set(ws, true));
        new WebchatConnection(ws, ctx, ip);
      }),
      (raw) => {
        const err = asUnavailable(raw, req.headers['accept-language']);
        if (!isWebchatError(err)) return refuse(socket, 503, 'server.error', 'Chat is unavailable right now.');
        return refuse(socket, err.httpStatus === 503 ? 503 : 429, err.wireCode, err.message);
      },
    );
  };
  app.server.on('upgrade', onUpgrade);

  // Dead peers (a phone that lost signal) are found by ping/pong and closed, freeing their subscriptions.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) { ws.terminate(); continue; }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    app.server.off('upgrade', onUpgrade);
    // 1012 "service restart": the widget reconnects, to this process's successor or a sibling.
    for (const ws of wss.clients) ws.close(1012, 'server restarting');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ code, message });
  const reason = { 403: 'Forbidden', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
