/**
 * The web channel: widget script, demo shop, WebSocket, uploads — registered on the shared fastify server.
 *
 * @example
 * const webchat = await registerWebchat(app, { redis, keys, inbound, storage, config, logger });
 * channels.register(webchat);
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { WebchatChannel } from './webchat.channel.js';
import { WebchatFanout } from './webchat-fanout.js';
import { WebchatHistoryStore } from './webchat-history.store.js';
import { webchatKeys, type WebchatKeys } from './webchat-keys.js';
import { WebchatLimits } from './webchat-limits.js';
import { makeOriginCheck, registerCors } from './webchat-origin.js';
import { WebchatSessions } from './webchat-session.js';
import { attachSocketServer } from './webchat-socket.server.js';
import { registerStaticRoutes } from './webchat-static.routes.js';
import { registerUploadRoutes } from './webchat-upload.routes.js';
import { WebchatUploads } from './webchat-uploads.js';
import { loadWidgetBundle } from './widget-bundle.js';
import type { WebchatDeps } from './webchat.types.js';

export { WebchatChannel, WEBCHAT_CAPABILITIES } from './webchat.channel.js';
export type { WebchatDeps } from './webchat.types.js';
export type * from './webchat.protocol.js';

export interface WebchatOptions {
  /** Serve the demo shop at `/` (default: outside production). */
  demoPage?: boolean;
}

export async function registerWebchat(app: FastifyInstance, deps: WebchatDeps, opts: WebchatOptions = {}): Promise<WebchatChannel> {
  const { redis, config, logger } = deps;
  const now = deps.now ?? Date.now;
  const keys = webchatKeys(deps.keys);
  const idleSeconds = Math.round(config.WEBCHAT_SESSION_IDLE_DAYS * 86_400);
  const history = new WebchatHistoryStore(redis, keys, config.WEBCHAT_HISTORY_MAX, idleSeconds);
  const sessions = new WebchatSessions(redis, keys, await sessionSecret(deps, keys), idleSeconds, now);
  const limits = new WebchatLimits(redis, keys, { messagesPerMinute: config.WEBCHAT_MESSAGES_PER_MINUTE, ipPerMinute: config.WEBCHAT_IP_PER_MINUTE });
  const uploads = new WebchatUploads(redis, keys, deps.storage);
  const fanout = new WebchatFanout(redis, keys, logger);
  const checkOrigin = makeOriginCheck(config.WEBCHAT_ALLOWED_ORIGINS);
  if (!config.WEBCHAT_ALLOWED_ORIGINS.length) logger.warn('WEBCHAT_ALLOWED_ORIGINS is empty: any website may embed the chat widget');

  const bundle = await loadWidgetBundle(logger);
  await app.register(async (scope) => {
    registerCors(scope, checkOrigin);
    await registerUploadRoutes(scope, { sessions, uploads, limits, maxBytes: config.UPLOAD_MAX_BYTES, logger });
    registerStaticRoutes(scope, bundle, opts.demoPage ?? config.NODE_ENV !== 'production');
  });
  const hello = { redis, keys, sessions, identitySecret: config.WEBCHAT_IDENTITY_SECRET, idleSeconds, now };
  attachSocketServer(app, { hello, history, fanout, limits, uploads, inbound: deps.inbound, logger, maxChars: config.MESSAGE_MAX_CHARS, now }, checkOrigin);
  app.addHook('onClose', async () => fanout.close());
  return new WebchatChannel(history, now);
}

/** Every process must sign with the same secret; without one configured, the first process to start picks it. */
async function sessionSecret(deps: WebchatDeps, keys: WebchatKeys): Promise<string> {
  if (deps.config.WEBCHAT_SESSION_SECRET) return deps.config.WEBCHAT_SESSION_SECRET;
  deps.logger.warn('WEBCHAT_SESSION_SECRET is not set: using a generated secret shared through Redis. Set it in production.');
  await deps.redis.set(keys.secret(), randomBytes(32).toString('base64url'), 'NX');
  const secret = await deps.redis.get(keys.secret());
  if (!secret) throw new Error('could not read the generated webchat session secret from Redis');
  return secret;
}
