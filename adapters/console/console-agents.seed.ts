import { z } from 'zod';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { Agent } from '../../src/complaints/complaint.types.js';
import { RedressError } from '../../src/errors.js';
import type { Logger } from '../../src/logging/logger.js';
import type { ConsoleCredentialStore } from './console-credentials.js';

export const agentEntry = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only'),
  name: z.string().trim().min(1).max(80),
  role: z.enum(['agent', 'supervisor']).default('agent'),
  // A number, or "unlimited" — for a supervisor only, and only when written out: nobody is unlimited by default.
  compensationLimit: z.union([z.number().nonnegative().max(999_999_999.99), z.literal('unlimited')]).default(0),
  password: z.string().min(1).optional(),
  slackUserId: z.string().optional(),
}).refine((a) => a.compensationLimit !== 'unlimited' || a.role === 'supervisor', {
  path: ['compensationLimit'], message: '"unlimited" is for supervisors only; give an agent a number',
});
const agentList = z.array(agentEntry);

export type AgentEntry = z.infer<typeof agentEntry>;

/** AGENTS is JSON; an empty string means none. Problems are reported as `config.invalid`, all at once. */
export function parseAgents(raw: string): AgentEntry[] {
  if (!raw.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new RedressError('config.invalid', 'AGENTS is not valid JSON; expected [{"id":"a-ling","name":"Ling","role":"agent","compensationLimit":500,"password":"…"}].');
  }
  const parsed = agentList.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  AGENTS[${i.path.join('.')}]: ${i.message}`).join('\n');
    throw new RedressError('config.invalid', `AGENTS has problems:\n${problems}`);
  }
  return parsed.data;
}

export interface SeedOptions {
  agentsJson: string;
  production: boolean;
  agents: RedisAgentStore;
  credentials: ConsoleCredentialStore;
  logger: Logger;
}

// Consumers see this name above the demo's replies in the widget: a person's name, not a role (issue 10 item 8).
export const DEMO_AGENT: Agent = { id: 'demo', name: 'Alex (demo)', role: 'supervisor', compensationLimit: 5000 };

/**
 * Upserts configured agents and their console passwords. With no agents anywhere (config or store)
 * outside production, creates `demo`/`demo` so a first `npm start` has a way in.
 */
export async function seedAgents(o: SeedOptions): Promise<void> {
  const entries = parseAgents(o.agentsJson);
  for (const { password, ...e } of entries) {
    // Merge, so fields another adapter keeps on the agent record (e.g. a Slack user id) survive our upsert.
    const existing = await o.agents.get(e.id);
    await o.agents.upsert({ ...existing, id: e.id, name: e.name, role: e.role, compensationLimit: e.compensationLimit });
    if (password) await o.credentials.ensurePassword(e.id, password);
    else o.logger.info({ agentId: e.id }, 'console: agent has no password in AGENTS; set one with scripts/create-agent.ts to log in');
  }
  if (entries.length) return;
  const stored = await o.agents.list();
  if (stored.length && (await o.credentials.hasAny(stored.map((a) => a.id)))) return;
  if (o.production) {
    o.logger.warn('console: no agents configured; nobody can log in. Set AGENTS or run scripts/create-agent.ts');
    return;
  }
  await o.agents.upsert(DEMO_AGENT);
  await o.credentials.ensurePassword(DEMO_AGENT.id, 'demo');
  o.logger.warn('console: no agents configured, so a demo supervisor was created: log in at /console as demo / demo. Set AGENTS before going live.');
}
