import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { webchatKeys } from './webchat-keys.js';

/** What rides the conversation's pub/sub channel beside the HistoryEntry JSON: no `seq`, never stored. */
export interface AgentTypingSignal {
  agentTyping: { on: boolean; name: string };
}

/** Parses a fan-out message that is an agent-typing signal; undefined for a HistoryEntry. */
export function agentTypingOf(raw: string): AgentTypingSignal['agentTyping'] | undefined {
  if (!raw.startsWith('{"agentTyping":')) return undefined;
  const a = (JSON.parse(raw) as Partial<AgentTypingSignal>).agentTyping;
  return a && typeof a.on === 'boolean' && typeof a.name === 'string' ? { on: a.on, name: a.name.slice(0, 80) } : undefined;
}

/**
 * An agent's "typing" for a widget conversation: one PUBLISH on the conversation's fan-out channel, so whichever
 * process holds the consumer's sockets pushes it (as an `agent_typing` frame). Nothing is stored: a consumer who is
 * not connected just never sees it.
 */
export async function publishAgentTyping(redis: RedisClient, keys: Pick<RedisKeys, 'webchat'>, conversationId: string, signal: { on: boolean; name: string }): Promise<void> {
  const body: AgentTypingSignal = { agentTyping: { on: signal.on, name: signal.name } };
  await redis.publish(webchatKeys(keys).channel(conversationId), JSON.stringify(body));
}
