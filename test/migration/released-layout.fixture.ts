/**
 * The released Redress's writes (commit 94f55dc), copied from `git show 94f55dc:src/complaints/redis-complaint.store.ts`,
 * `…/complaint.service.ts` (submit), `…/consumer-profile.store.ts`, `src/agents/redis-agent.store.ts` and
 * `adapters/console/console-credentials.ts`, reduced to what they wrote: the migration test seeds Redis as an
 * operator's released install left it. Key names are the released registry's (`{redress}:complaint:<id>`, …).
 */
import { ConsoleCredentialStore } from '../../adapters/console/console-credentials.js';
import type { ConsoleKeys } from '../../adapters/console/console.keys.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';

/** The released Complaint JSON (no order facts, time zone, consumer name or merchant requests: those came later). */
export interface ReleasedComplaint {
  id: string; version: number; status: string; consumerId: string;
  address: { channel: string; conversationId: string; userId?: string };
  category: string; orderId: string | null; description: string; evidence: unknown[]; desiredResolution: string;
  merchantId?: string | null; productId?: string | null; locale: 'en' | 'zh'; texts: string[]; wantsHuman?: boolean;
  triage: { category: string; tier: string; priority: number; deadlines: Array<{ kind: string; dueAt: number }>; reasons: string[]; emotion: unknown };
  assigneeId: string | null; proposal: unknown; rating: { score: number; at: number } | null; slaMet: Record<string, number>;
  createdAt: number; updatedAt: number;
}
export interface ReleasedEvent { at: number; type: string; actor: { kind: string; id: string }; channel?: string; data?: Record<string, unknown> }

const OPEN = new Set(['queued', 'claimed', 'investigating', 'resolution_proposed', 'escalated', 'in_review', 'reopened']);

/** The released key registry, `P` = `{redress}`. */
export function releasedKeyNames(P: string) {
  return {
    complaint: (id: string) => `${P}:complaint:${id}`,
    timeline: (id: string) => `${P}:timeline:${id}`,
    seq: (day: string) => `${P}:seq:${day}`,
    byStatus: (s: string) => `${P}:idx:status:${s}`,
    open: () => `${P}:idx:open`,
    byConsumer: (c: string) => `${P}:idx:consumer:${c}`,
    byOrder: (o: string) => `${P}:idx:order:${o}`,
    byMerchant: (m: string) => `${P}:idx:merchant:${m}`,
    created: () => `${P}:idx:created`,
    alerts: () => `${P}:alerts`,
    consumer: (c: string) => `${P}:consumer:${c}`,
    agent: (id: string) => `${P}:agent:${id}`,
    agents: () => `${P}:agents`,
    dialog: (k: string) => `${P}:dialog:${k}`,
    console: { credential: (id: string) => `${P}:console:cred:${id}` },
    webchat: { session: (id: string) => `${P}:webchat:session:${id}`, secret: () => `${P}:webchat:secret` },
  };
}

/** The released store, profile store and agent store, against one Redis. */
export class ReleasedRedress {
  readonly k: ReturnType<typeof releasedKeyNames>;
  constructor(private readonly redis: RedisClient, P = '{redress}') {
    this.k = releasedKeyNames(P);
  }

  async nextNumber(now: number): Promise<string> {
    const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
    const key = this.k.seq(day);
    const [[, n]] = (await this.redis.multi().incr(key).expire(key, 3 * 86_400).exec()) as [[null, number]];
    return `RD-${day}-${String(n).padStart(4, '0')}`;
  }

  /** ComplaintService.submit, then RedisComplaintStore.create and ConsumerProfileStore.recordComplaint. */
  async submit(consumerId: string, conversationId: string, now: number, over: Partial<ReleasedComplaint> = {}): Promise<ReleasedComplaint> {
    const id = await this.nextNumber(now);
    const texts = ['The parcel arrived damaged and the box was crushed', 'The lamp base is cracked.'];
    const c: ReleasedComplaint = {
      category: 'damaged_in_transit', orderId: 'A12345678', description: 'The lamp base is cracked.', evidence: [], desiredResolution: 'refund',
      merchantId: null, productId: null, locale: 'en', texts,
      id, version: 1, status: 'queued', consumerId, address: { channel: 'test', conversationId, userId: conversationId.slice(2) },
      triage: {
        category: 'damaged_in_transit', tier: 'medium', priority: 55,
        deadlines: [{ kind: 'first_response', dueAt: now + 30 * 60_000 }, { kind: 'plan', dueAt: now + 48 * 3_600_000 }],
        reasons: ['damaged in transit → medium'], emotion: { anger: { flagged: false, intensity: 1 }, anxiety: { flagged: false, intensity: 0 }, cues: [] },
      },
      assigneeId: null, proposal: null, rating: null, slaMet: {}, createdAt: now, updatedAt: now, ...over,
    };
    const consumer = { kind: 'consumer', id: consumerId };
    const events: ReleasedEvent[] = [
      { at: now, type: 'created', actor: consumer, channel: 'test', data: { category: c.category, orderId: c.orderId, texts } },
      { at: now, type: 'triaged', actor: { kind: 'system', id: 'triage' }, data: { tier: c.triage.tier, priority: c.triage.priority, reasons: c.triage.reasons } },
      { at: now, type: 'status_changed', actor: { kind: 'system', id: 'intake' }, data: { from: 'intake', to: 'queued' } },
    ];
    const tx = this.redis.multi();
    tx.set(this.k.complaint(c.id), JSON.stringify(c));
    tx.rpush(this.k.timeline(c.id), ...events.map((e) => JSON.stringify(e)));
    tx.sadd(this.k.byStatus(c.status), c.id);
    tx.zadd(this.k.open(), c.triage.priority, c.id);
    tx.zadd(this.k.byConsumer(c.consumerId), c.createdAt, c.id);
    if (c.orderId) tx.sadd(this.k.byOrder(c.orderId), c.id);
    if (c.merchantId) tx.zadd(this.k.byMerchant(c.merchantId), c.createdAt, c.id);
    tx.zadd(this.k.created(), c.createdAt, c.id);
    await tx.exec();
    await this.modifyProfile(consumerId, c.locale, (p) => {
      if (!p.complaintIds.includes(c.id)) p.complaintIds.push(c.id);
      p.cares[c.desiredResolution] = (p.cares[c.desiredResolution] ?? 0) + 1;
      p.lastContactAt = c.createdAt;
    });
    return c;
  }

  /** RedisComplaintStore.update (its compare-and-set script, without the retry loop: the seed is sequential). */
  async update(id: string, change: (c: ReleasedComplaint) => { complaint: ReleasedComplaint; events: ReleasedEvent[] }): Promise<ReleasedComplaint> {
    const current = JSON.parse((await this.redis.get(this.k.complaint(id)))!) as ReleasedComplaint;
    const { complaint, events } = change(current);
    const next = { ...complaint, version: current.version + 1 };
    const tx = this.redis.multi().set(this.k.complaint(id), JSON.stringify(next));
    if (events.length) tx.rpush(this.k.timeline(id), ...events.map((e) => JSON.stringify(e)));
    tx.srem(this.k.byStatus(current.status), id).sadd(this.k.byStatus(next.status), id);
    if (OPEN.has(next.status)) tx.zadd(this.k.open(), next.triage.priority, id);
    else tx.zrem(this.k.open(), id);
    await tx.exec();
    if (!OPEN.has(next.status)) {
      await this.modifyProfile(next.consumerId, next.locale, (p) => {
        const key = next.rating ? `rated_${next.rating.score}` : next.status;
        p.outcomes[key] = (p.outcomes[key] ?? 0) + 1;
      });
    }
    return next;
  }

  /** RedisAgentStore.upsert and ConsoleCredentialStore.setPassword (the hash format is unchanged since). */
  async addAgent(agent: { id: string; name: string; role: 'agent' | 'supervisor'; compensationLimit: number }, password: string): Promise<void> {
    await this.redis.multi().set(this.k.agent(agent.id), JSON.stringify(agent)).sadd(this.k.agents(), agent.id).exec();
    await new ConsoleCredentialStore(this.redis, this.k.console as unknown as ConsoleKeys).setPassword(agent.id, password);
  }

  /** WebchatSessions.save (adapters/webchat/webchat-session.ts) and the generated secret (webchat/index.ts). */
  async saveWebchatSession(session: { sessionId: string; conversationId: string; userId: string }, idleSeconds: number): Promise<void> {
    await this.redis.set(this.k.webchat.session(session.sessionId), JSON.stringify(session), 'EX', idleSeconds);
    await this.redis.set(this.k.webchat.secret(), 'a-generated-secret-of-at-least-32-chars', 'NX');
  }

  private async modifyProfile(consumerId: string, locale: string, fn: (p: { complaintIds: string[]; outcomes: Record<string, number>; cares: Record<string, number>; lastContactAt: number }) => void): Promise<void> {
    const raw = await this.redis.get(this.k.consumer(consumerId));
    const p = raw ? JSON.parse(raw) : { consumerId, locale, complaintIds: [], outcomes: {}, cares: {}, lastContactAt: 0 };
    p.locale = locale;
    fn(p);
    await this.redis.set(this.k.consumer(consumerId), JSON.stringify(p));
  }
}
