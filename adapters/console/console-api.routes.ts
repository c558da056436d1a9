import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CaseQueueIndex } from '../../src/agents/case-queue-index.js';
import type { KnowledgeBase } from '../../src/agents/knowledge-base.js';
import { QUEUE_SORTS } from '../../src/agents/queue-row.js';
import { COMPLAINT_STATUSES } from '../../src/complaints/complaint.types.js';
import { lookUpCases } from '../../src/complaints/case-lookup.js';
import { isOpen } from '../../src/complaints/complaint-state-machine.js';
import { CATEGORIES } from '../../src/triage/triage.types.js';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { ComplaintService } from '../../src/complaints/complaint.service.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import type { ConsumerProfileStore } from '../../src/complaints/consumer-profile.store.js';
import { isRedressError, RedressError } from '../../src/errors.js';
import { authOf, type ConsoleAuth } from './console-auth.js';
import { agentNames, toCaseDetail, toConversation, toHistory, toQueueRow } from './console.mapper.js';
import { isOperation, runOperation } from './console-operations.js';
import { toTimeline } from './console-timeline.mapper.js';
import { toQueueListRow } from './console-queue.mapper.js';
import { registerKnowledgeRoutes } from './console-kb.routes.js';
import { registerTypingRoute } from './console-typing.routes.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { wordCues, wordReason } from './console-reasons.mapper.js';
import { labelsOf } from '../../src/agents/queue-row.js';
import type { MerchantRequest } from '../../src/merchants/merchant-request.types.js';
import { toMerchantRequests } from './console-merchant.mapper.js';

export interface ApiDeps {
  auth: ConsoleAuth;
  complaints: ComplaintService;
  agentOps: AgentOperations;
  agents: RedisAgentStore;
  profiles: ConsumerProfileStore;
  queueIndex: CaseQueueIndex;
  knowledge: KnowledgeBase;
  currency: string;
  timeZone: string;
  now: () => number;
  redis: RedisClient;
  keys: RedisKeys;
  /** A request's signed answer link (MERCHANT_LINK_SECRET); null when links are off. */
  merchantLink: ((r: MerchantRequest) => string) | null;
}

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only');
/** The queue's query string; anything else (an unknown status, a broken cursor) is a 400 with the reason. */
const queueQuery = z.object({
  view: z.enum(['open', 'mine', 'resolved']).default('open'),
  q: z.string().trim().max(200).optional(),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  tier: z.enum(['low', 'medium', 'high']).optional(),
  category: z.enum(CATEGORIES).optional(),
  channel: id.optional(),
  owner: z.union([z.literal('none'), z.literal('me'), id]).optional(),
  breached: z.literal('1').optional(),
  waiting: z.literal('1').optional(),
  sort: z.enum(QUEUE_SORTS).default('priority'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// The core has no "recently resolved" index, so resolved/closed come from the status sets (see report).
async function resolvedCases(d: ApiDeps): Promise<Complaint[]> {
  const store = d.complaints.store;
  const done = [...(await store.listByStatus('resolved')), ...(await store.listByStatus('closed'))];
  return done.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, 100);
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
    merchant: { requests: toMerchantRequests(c, d.merchantLink, n), linksOn: d.merchantLink !== null },
    why: c.triage.reasons.map(wordReason), cues: wordCues(labelsOf(c.triage.emotion), c.triage.emotion.cues ?? []),
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

  // Open cases come from the queue index: filters, search and sort in Redis, one page of rows read per request.
  scope.get('/queue', async (req) => {
    const q = queueQuery.parse(req.query);
    const me = authOf(req).agent.id;
    const n = await names();
    if (q.view === 'resolved') {
      // A search on this tab looks the number, order or consumer up in Redis and the archive (closed cases leave Redis).
      const cases = q.q ? (await lookUpCases(d.complaints.store, q.q)).filter((c) => !isOpen(c.status)) : await resolvedCases(d);
      const rows = cases.map((c) => toQueueRow(c, n));
      return { view: q.view, rows, total: rows.length, next: null, serverNow: d.now() };
    }
    const owner = q.view === 'mine' || q.owner === 'me' ? me : q.owner;
    const page = await d.queueIndex.page({
      filters: { status: q.status, tier: q.tier, category: q.category, channel: q.channel, owner, breached: q.breached, waiting: q.waiting },
      search: q.q, sort: q.sort, dir: q.dir, cursor: q.cursor, limit: q.limit,
    });
    return { view: q.view, rows: page.rows.map((r) => toQueueListRow(r, n)), total: page.total, next: page.next, serverNow: d.now() };
  });

  scope.get<{ Params: { id: string } }>('/cases/:id', async (req) => caseView(d, req.params.id));
  await registerKnowledgeRoutes(scope, { ...d, store: d.complaints.store });
  registerTypingRoute(scope, d);

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
