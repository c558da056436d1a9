/**
 * The web channel: widget script, demo shop, WebSocket, uploads — registered on the shared fastify server.
 *
 * @example
 * const webchat = await registerWebchat(app, { redis, keys, inbound, storage, config, logger });
 * channels.register(webchat);
 */
import { systemClock } from '../../src/clock.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { whenRedisReady } from '../../src/redis/redis-availability.js';
import { WebchatChannel } from './webchat.channel.js';
import { WebchatFanout } from './webchat-fanout.js';
import { WebchatHistoryStore } from './webchat-history.store.js';
import { webchatKeys, type WebchatKeys } from './webchat-keys.js';
import { WebchatLimits } from './webchat-limits.js';
import { WebchatUploadLimits } from './webchat-upload-limits.js';
import { registerConfigRoute } from './webchat-config.routes.js';
import { makeOriginCheck, registerCors } from './webchat-origin.js';
import { WebchatSessions } from './webchat-session.js';
import { attachSocketServer } from './webchat-socket.server.js';
import { registerStaticRoutes } from './webchat-static.routes.js';
import { registerUploadRoutes } from './webchat-upload.routes.js';
import { WebchatUploads } from './webchat-uploads.js';
import { ConsumerTypingRelay } from './webchat-consumer-typing.js';
import { loadWidgetBundle } from './widget-bundle.js';
import type { WebchatDeps } from './webchat.types.js';

export { WebchatChannel, WEBCHAT_CAPABILITIES } from './webchat.channel.js';
export type { WebchatDeps } from './webchat.types.js';
export { publishAgentTyping } from './webchat-agent-typing.js';
export type * from './webchat.protocol.js';

export interface WebchatOptions {
  /** Serve the demo shop at `/` (default: outside production). */
  demoPage?: boolean;
}

/**
 * The sending half only, for processes without HTTP (`--role worker`): a send appends to the conversation's
 * history in Redis and publishes it, and the web process holding the consumer's socket pushes it.
 */
export function createWebchatChannel(deps: Pick<WebchatDeps, 'redis' | 'keys' | 'config' | 'now'>): WebchatChannel {
  return new WebchatChannel(historyStore(deps), deps.now ?? systemClock);
}

function historyStore(deps: Pick<WebchatDeps, 'redis' | 'keys' | 'config'>): WebchatHistoryStore {
  const idleSeconds = Math.round(deps.config.WEBCHAT_SESSION_IDLE_DAYS * 86_400);
  return new WebchatHistoryStore(deps.redis, webchatKeys(deps.keys), deps.config.WEBCHAT_HISTORY_MAX, idleSeconds);
}

export async function registerWebchat(app: FastifyInstance, deps: WebchatDeps, opts: WebchatOptions = {}): Promise<WebchatChannel> {
  const { redis, config, logger } = deps;
  const now = deps.now ?? systemClock;
  const keys = webchatKeys(deps.keys);
  const idleSeconds = Math.round(config.WEBCHAT_SESSION_IDLE_DAYS * 86_400);
  const history = historyStore(deps);
  const sessions = new WebchatSessions(redis, keys, await sessionSecret(deps, keys), idleSeconds, now);
  const limits = new WebchatLimits(redis, keys, { messagesPerMinute: config.WEBCHAT_MESSAGES_PER_MINUTE, ipPerMinute: config.WEBCHAT_IP_PER_MINUTE });
  const uploads = new WebchatUploads(redis, keys, deps.storage, now);
  const MB = 1024 * 1024;
  const uploadLimits = new WebchatUploadLimits(redis, keys, {
    perSessionPerHour: config.WEBCHAT_UPLOADS_PER_HOUR,
    perSessionBytesPerHour: Math.round(config.WEBCHAT_UPLOAD_MB_PER_HOUR * MB),
    perIpPerHour: config.WEBCHAT_IP_UPLOADS_PER_HOUR,
    perIpBytesPerHour: Math.round(config.WEBCHAT_IP_UPLOAD_MB_PER_HOUR * MB),
    inFlightPerSession: config.WEBCHAT_UPLOADS_IN_FLIGHT_PER_SESSION,
    inFlightPerProcess: config.UPLOADS_IN_FLIGHT_MAX,
  });
  const fanout = new WebchatFanout(redis, keys, logger);
  const checkOrigin = makeOriginCheck(config.WEBCHAT_ALLOWED_ORIGINS);
  if (!config.WEBCHAT_ALLOWED_ORIGINS.length) logger.warn('WEBCHAT_ALLOWED_ORIGINS is empty: any website may embed the chat widget');

  const bundle = await loadWidgetBundle(logger);
  await app.register(async (scope) => {
    registerCors(scope, checkOrigin);
    await registerUploadRoutes(scope, { sessions, uploads, limits, uploadLimits, maxBytes: config.UPLOAD_MAX_BYTES, idleMs: config.WEBCHAT_UPLOAD_IDLE_SECONDS * 1000, logger });
    registerStaticRoutes(scope, bundle, opts.demoPage ?? config.NODE_ENV !== 'production');
  });
  registerConfigRoute(app, config, checkOrigin);
  const hello = { redis, keys, sessions, identitySecret: config.WEBCHAT_IDENTITY_SECRET, idleSeconds, now };
  const redisReady = () => whenRedisReady(redis, config.REDIS_WAIT_MS);
  const typing = new ConsumerTypingRelay(redis, deps.keys, logger, now);
  attachSocketServer(app, { hello, history, fanout, limits, uploads, inbound: deps.inbound, typing, logger, maxChars: config.MESSAGE_MAX_CHARS, now, redisReady }, checkOrigin);
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
