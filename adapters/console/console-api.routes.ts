import type { FastifyInstance } from 'fastify';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { ComplaintService } from '../../src/complaints/complaint.service.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import type { ConsumerProfileStore } from '../../src/complaints/consumer-profile.store.js';
import { isRedressError, RedressError } from '../../src/errors.js';
import { authOf, type ConsoleAuth } from './console-auth.js';
import { agentNames, byPriority, toCaseDetail, toConversation, toHistory, toQueueRow } from './console.mapper.js';
import { isOperation, runOperation } from './console-operations.js';
import { toTimeline } from './console-timeline.mapper.js';

export interface ApiDeps {
  auth: ConsoleAuth;
  complaints: ComplaintService;
  agentOps: AgentOperations;
  agents: RedisAgentStore;
  profiles: ConsumerProfileStore;
  now: () => number;
}

type View = 'open' | 'mine' | 'resolved';

// The core has no "recently resolved" index, so resolved/closed come from the status sets (see report).
async function casesFor(d: ApiDeps, view: View, agentId: string): Promise<Complaint[]> {
  const store = d.complaints.store;
  if (view === 'resolved') {
    const done = [...(await store.listByStatus('resolved')), ...(await store.listByStatus('closed'))];
    return done.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, 100);
  }
  const open = await store.listOpen(500);
  return view === 'mine' ? open.filter((c) => c.assigneeId === agentId) : open;
}

/** A case with its conversation, full timeline and the consumer's history. */
async function caseView(d: ApiDeps, id: string) {
  const store = d.complaints.store;
  const c = await store.require(id);
  const [events, agents, profile, past] = await Promise.all([
    store.timeline(c.id), d.agents.list(), d.profiles.get(c.consumerId), store.listByConsumer(c.consumerId, 20),
  ]);
  const n = agentNames(agents);
  return {
    case: toCaseDetail(c, n), conversation: toConversation(c, events, n), timeline: toTimeline(events, n),
    history: toHistory(profile, past, c.id), serverNow: d.now(),
  };
}

/** JSON API under /console/api, used by the page scripts. Every route needs a session; writes need CSRF. */
export async function registerApiRoutes(scope: FastifyInstance, d: ApiDeps): Promise<void> {
  scope.addHook('preHandler', d.auth.requireApi);
  const names = () => d.agents.names();

  scope.get('/me', async (req) => {
    const { agent, session } = authOf(req);
    return { agent, csrf: session.csrf, serverNow: d.now() };
  });

  scope.get('/agents', async () => ({ agents: (await d.agents.list()).map(({ id, name, role }) => ({ id, name, role })) }));

  scope.get<{ Querystring: { view?: string } }>('/queue', async (req) => {
    const view: View = req.query.view === 'mine' || req.query.view === 'resolved' ? req.query.view : 'open';
    const [cases, n] = await Promise.all([casesFor(d, view, authOf(req).agent.id), names()]);
    const rows = cases.map((c) => toQueueRow(c, n));
    if (view !== 'resolved') rows.sort(byPriority);
    return { view, rows, serverNow: d.now() };
  });

  scope.get<{ Params: { id: string } }>('/cases/:id', async (req) => caseView(d, req.params.id));

  scope.post<{ Params: { id: string; op: string } }>('/cases/:id/:op', async (req) => {
    const { op, id } = req.params;
    if (!isOperation(op)) throw new RedressError('input.invalid', `Unknown action "${op}".`);
    try {
      const c = await runOperation(d.agentOps, op, authOf(req).agent.id, id, req.body);
      return { case: toCaseDetail(c, await names()), serverNow: d.now() };
    } catch (err) {
      throw await withOwnerName(err, d.agents);
    }
  });
}

/** Losing a claim race names the winner, so the agent knows whom to talk to. */
async function withOwnerName(err: unknown, agents: RedisAgentStore): Promise<unknown> {
  if (!isRedressError(err, 'complaint.already_claimed') || typeof err.details.owner !== 'string') return err;
  const owner = await agents.get(err.details.owner);
  const ownerName = owner?.name ?? err.details.owner;
  return new RedressError(err.code, `${ownerName} already claimed this case.`, { ...err.details, ownerName });
}
