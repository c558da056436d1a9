/**
 * The knowledge base agents share (console now; Slack reads the same store): approved handling per category
 * ("articles") and reply templates with variables, each in English and Chinese. Supervisors edit it; plain
 * agents read it (case-authority.ts). A starter set (knowledge-starter.ts) is written once, when the store is new.
 */
import { z } from 'zod';
import { RedressError } from '../errors.js';
import type { Agent, Complaint, Locale } from '../complaints/complaint.types.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { CATEGORIES } from '../triage/triage.types.js';
import { assertMayEditKnowledge } from './case-authority.js';
import { STARTER_ARTICLES, STARTER_REPLIES } from './knowledge-starter.js';

const bilingual = (max: number) => z.object({ en: z.string().trim().min(1, 'write the English text').max(max), zh: z.string().trim().min(1, 'write the Chinese text').max(max) });
const base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and - (e.g. damaged-goods)'),
  /** Categories it applies to; empty: every case. */
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).default([]),
  /** Emotions it is for (an angry or anxious consumer, as triage flags them); with categories, either one fits. */
  cues: z.array(z.enum(['angry', 'anxious'])).max(2).default([]),
  title: bilingual(120),
};
export const kbArticle = z.object({ ...base, body: bilingual(4000) });
export const kbReply = z.object({ ...base, text: bilingual(2000) });
export type KbArticle = z.infer<typeof kbArticle>;
export type KbReply = z.infer<typeof kbReply>;
export type KbKind = 'articles' | 'replies';
type KbEntry = Pick<KbArticle, 'categories' | 'cues'>;

/** What a reply's variables are filled from. */
export interface FillContext {
  locale: Locale;
  currency: string;
  timeZone: string;
  now: number;
}

export class KnowledgeBase {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** Writes the starter set once (SET NX), so a supervisor's deletions are never undone by a restart. */
  async seed(): Promise<void> {
    if (!(await this.redis.set(this.keys.kb.seeded(), '1', 'NX'))) return;
    const tx = this.redis.multi();
    for (const a of STARTER_ARTICLES) tx.hsetnx(this.keys.kb.articles(), a.id, JSON.stringify(a));
    for (const r of STARTER_REPLIES) tx.hsetnx(this.keys.kb.replies(), r.id, JSON.stringify(r));
    await tx.exec();
  }

  async list(): Promise<{ articles: KbArticle[]; replies: KbReply[] }> {
    const [a, r] = await Promise.all([this.redis.hvals(this.keys.kb.articles()), this.redis.hvals(this.keys.kb.replies())]);
    const byId = <T extends { id: string }>(x: T, y: T) => x.id.localeCompare(y.id);
    const read = <T>(x: string) => ({ cues: [], ...(JSON.parse(x) as object) }) as T;
    return { articles: a.map((x) => read<KbArticle>(x)).sort(byId), replies: r.map((x) => read<KbReply>(x)).sort(byId) };
  }

  /** Supervisors only; the body is validated (both languages, known categories) and refused with `input.invalid`. */
  async save(agent: Agent, kind: KbKind, raw: unknown): Promise<KbArticle | KbReply> {
    assertMayEditKnowledge(agent);
    const parsed = (kind === 'articles' ? kbArticle : kbReply).safeParse(raw);
    if (!parsed.success) throw new RedressError('input.invalid', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    await this.redis.hset(kind === 'articles' ? this.keys.kb.articles() : this.keys.kb.replies(), parsed.data.id, JSON.stringify(parsed.data));
    return parsed.data;
  }

  async remove(agent: Agent, kind: KbKind, id: string): Promise<void> {
    assertMayEditKnowledge(agent);
    const gone = await this.redis.hdel(kind === 'articles' ? this.keys.kb.articles() : this.keys.kb.replies(), id);
    if (!gone) throw new RedressError('input.invalid', `There is no ${kind === 'articles' ? 'article' : 'reply'} "${id}".`);
  }

  /** What fits this case: its category's entries first, then the general ones; replies filled in for it. */
  async suggest(c: Complaint, ctx: FillContext): Promise<{ articles: KbArticle[]; replies: Array<KbReply & { filled: string }> }> {
    const { articles, replies } = await this.list();
    const flagged = new Set([c.triage.emotion.anger.flagged ? 'angry' : '', c.triage.emotion.anxiety.flagged ? 'anxious' : '']);
    const general = (x: KbEntry) => !x.categories.length && !x.cues.length;
    const fits = (x: KbEntry) => general(x) || x.categories.includes(c.category) || x.cues.some((cue) => flagged.has(cue));
    const specificFirst = (x: KbEntry, y: KbEntry) => Number(general(x)) - Number(general(y));
    return {
      articles: articles.filter(fits).sort(specificFirst),
      replies: replies.filter(fits).sort(specificFirst).map((r) => ({ ...r, filled: fillReply(r.text[ctx.locale], c, ctx) })),
    };
  }
}

const FALLBACK: Record<Locale, { consumerName: string; orderId: string }> = {
  en: { consumerName: 'there', orderId: '(no order number)' },
  zh: { consumerName: '', orderId: '（无订单号）' },
};

/** `{consumerName}` `{orderId}` `{caseNumber}` `{deadline}` `{amount}`; an unknown `{name}` is left as written. */
export function fillReply(template: string, c: Complaint, ctx: FillContext): string {
  const lang = ctx.locale === 'zh' ? 'zh-CN' : 'en';
  const due = c.triage.deadlines.filter((d) => c.slaMet[d.kind] === undefined && d.dueAt > ctx.now).sort((a, b) => a.dueAt - b.dueAt)[0]?.dueAt ?? ctx.now + 86_400_000;
  let money: string;
  try {
    money = new Intl.NumberFormat(lang, { style: 'currency', currency: ctx.currency }).format(c.proposal?.amount ?? 0);
  } catch {
    money = `${c.proposal?.amount ?? 0} ${ctx.currency}`;
  }
  const values: Record<string, string> = {
    consumerName: c.consumerName ?? FALLBACK[ctx.locale].consumerName,
    orderId: c.orderId ?? FALLBACK[ctx.locale].orderId,
    caseNumber: c.id,
    deadline: new Intl.DateTimeFormat(lang, { timeZone: ctx.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(due),
    amount: money,
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
