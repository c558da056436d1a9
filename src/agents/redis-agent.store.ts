import { RedressError } from '../errors.js';
import type { Agent } from '../complaints/complaint.types.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';

/** Agent records. Every agent operation looks the actor up here first: unknown ids may do nothing. */
export class RedisAgentStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async upsert(agent: Agent): Promise<void> {
    // Two slots (the agent's, the id set's): the record first, so a listed id always has one.
    await this.redis.set(this.keys.agent(agent.id), JSON.stringify(agent));
    await this.redis.sadd(this.keys.agents(), agent.id);
  }

  async get(id: string): Promise<Agent | null> {
    const raw = await this.redis.get(this.keys.agent(id));
    return raw ? (JSON.parse(raw) as Agent) : null;
  }

  async require(id: string): Promise<Agent> {
    const agent = await this.get(id);
    if (!agent) throw new RedressError('agent.not_found', `Agent ${id} is not registered; ask a supervisor to add you.`, { id });
    return agent;
  }

  async list(): Promise<Agent[]> {
    const ids = await this.redis.smembers(this.keys.agents());
    if (!ids.length) return [];
    // One GET per agent (each its own slot), sent together.
    const raws = await Promise.all(ids.map((i) => this.redis.get(this.keys.agent(i))));
    return raws.filter((r): r is string => !!r).map((r) => JSON.parse(r) as Agent);
  }

  /** Agent id → display name, for rendering cases to people. */
  async names(): Promise<Map<string, string>> {
    return new Map((await this.list()).map((a) => [a.id, a.name]));
  }

  async supervisors(): Promise<Agent[]> {
    return (await this.list()).filter((a) => a.role === 'supervisor');
  }
}
