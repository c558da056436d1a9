/**
 * The knowledge base and canned replies under /console/api (session and CSRF from the API scope): everyone reads
 * and gets a case's suggestions with its variables filled; only supervisors write (KnowledgeBase checks).
 */
import type { FastifyInstance } from 'fastify';
import type { KbKind, KnowledgeBase } from '../../src/agents/knowledge-base.js';
import type { RedisComplaintStore } from '../../src/complaints/redis-complaint.store.js';
import { RedressError } from '../../src/errors.js';
import { authOf } from './console-auth.js';

export interface KnowledgeDeps {
  knowledge: KnowledgeBase;
  store: RedisComplaintStore;
  currency: string;
  timeZone: string;
  now: () => number;
}

function kindOf(raw: string): KbKind {
  if (raw === 'articles' || raw === 'replies') return raw;
  throw new RedressError('input.invalid', 'Use /kb/articles/<id> or /kb/replies/<id>.');
}

export async function registerKnowledgeRoutes(scope: FastifyInstance, d: KnowledgeDeps): Promise<void> {
  scope.get('/kb', async () => d.knowledge.list());

  scope.put<{ Params: { kind: string; id: string } }>('/kb/:kind/:id', async (req) => {
    const saved = await d.knowledge.save(authOf(req).agent, kindOf(req.params.kind), { ...(req.body as object), id: req.params.id });
    return { saved };
  });

  scope.delete<{ Params: { kind: string; id: string } }>('/kb/:kind/:id', async (req) => {
    await d.knowledge.remove(authOf(req).agent, kindOf(req.params.kind), req.params.id);
    return { deleted: req.params.id };
  });

  // In the case's language, with its consumer, order, number, next deadline and proposal amount filled in.
  scope.get<{ Params: { id: string } }>('/cases/:id/suggestions', async (req) => {
    const c = await d.store.require(req.params.id);
    return d.knowledge.suggest(c, { locale: c.locale, currency: d.currency, timeZone: d.timeZone, now: d.now() });
  });
}
