import { publishConsumerTyping } from '../../src/agents/consumer-typing.js';
import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { toAddress } from './webchat.mapper.js';
import type { WebchatSession } from './webchat.types.js';

/** The widget sends a start every 3 s at most; a session gets one through every 2 s, whatever a hand-made client sends. */
const MIN_START_GAP_MS = 2000;
const MAX_TRACKED = 10_000;

/**
 * A consumer's `typing` frames to the agents on their case: one PUBLISH each (src/agents/consumer-typing.ts), never
 * awaited by the socket's message queue, so a consumer's messages wait for nothing of it. The bound is per process
 * and per session (a session's sockets sit on one process at a time; a second process at worst doubles it): a start
 * within 2 s of the last one, or a stop after a stop, is dropped without a word, since the widget never sends those.
 */
export class ConsumerTypingRelay {
  private readonly last = new Map<string, { at: number; on: boolean }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<RedisKeys, 'console'>,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  relay(session: WebchatSession, on: boolean): void {
    const now = this.now();
    const prev = this.last.get(session.sessionId);
    if (on ? prev?.on === true && now - prev.at < MIN_START_GAP_MS : prev?.on !== true) return;
    this.last.delete(session.sessionId);
    if (this.last.size >= MAX_TRACKED) this.last.delete(this.last.keys().next().value as string);
    this.last.set(session.sessionId, { at: now, on });
    // A lost signal costs a few seconds of "typing…" at most (the page hides it after 8 s): logged, not retried.
    publishConsumerTyping(this.redis, this.keys, toAddress(session), on)
      .catch((err: unknown) => this.logger.debug({ err: (err as Error).message }, 'webchat: consumer typing not published'));
  }
}
