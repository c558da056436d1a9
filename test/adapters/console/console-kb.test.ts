// Issue 9 item 2 through the console's HTTP API with real sessions: the starter knowledge base, supervisors
// adding an article and a reply in both languages, plain agents refused, and a case's replies filled in.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KbArticle, KbReply } from '../../../src/agents/knowledge-base.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { AgentClient } from './console-client.js';
import { address, draft, startWorld, type World } from './console-fixture.js';

const server = new TestRedis();
let w: World;
let ling: AgentClient;
let mei: AgentClient;

interface Kb { articles: KbArticle[]; replies: KbReply[] }
interface Suggestions { articles: KbArticle[]; replies: Array<KbReply & { filled: string }> }

beforeAll(async () => { await server.start(); });
beforeEach(async () => {
  w = await startWorld(server.url, { env: { CURRENCY: 'EUR', TIMEZONE: 'UTC' } });
  [ling, mei] = await Promise.all([AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass'), AgentClient.login(w.baseUrl, 's-mei', 'mei-pass')]);
});
afterEach(async () => { await w.close(); });
afterAll(async () => { await server.destroy(); });

const article = {
  categories: ['damaged_in_transit'], title: { en: 'Broken glassware', zh: '玻璃制品破损' },
  body: { en: 'Ask for a photo of the box; offer a replacement.', zh: '请消费者提供外包装照片；提供换货。' },
};
const reply = {
  categories: ['damaged_in_transit'], title: { en: 'Glass replacement', zh: '玻璃换货' },
  text: { en: 'Dear {consumerName}, a new vase for order {orderId} ships today; case {caseNumber}, refund {amount}.', zh: '{consumerName}您好，订单 {orderId} 的新花瓶今天发出；投诉 {caseNumber}，退款 {amount}。' },
};

describe('knowledge base and canned replies', () => {
  it('ships a starter set in English and Chinese', async () => {
    const { status, body } = await ling.get<Kb>('/console/api/kb');
    expect(status).toBe(200);
    expect(body.articles.length).toBeGreaterThanOrEqual(4);
    expect(body.replies.length).toBeGreaterThanOrEqual(4);
    for (const x of [...body.articles, ...body.replies]) {
      expect(x.title.en && x.title.zh).toBeTruthy();
    }
  });

  it('a supervisor adds an article and a reply in both languages; a plain agent cannot edit', async () => {
    expect((await mei.send('PUT', '/console/api/kb/articles/broken-glass', article)).status).toBe(200);
    expect((await mei.send('PUT', '/console/api/kb/replies/glass-replacement', reply)).status).toBe(200);
    const refused = await ling.send('PUT', '/console/api/kb/replies/glass-replacement', { ...reply, text: { en: 'hacked', zh: '改' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'agent.not_authorised', message: expect.stringContaining('Only a supervisor') });
    expect((await ling.send('DELETE', '/console/api/kb/articles/broken-glass')).status).toBe(403);
    const kb = (await ling.get<Kb>('/console/api/kb')).body;
    expect(kb.articles.find((a) => a.id === 'broken-glass')).toMatchObject(article);
    expect(kb.replies.find((r) => r.id === 'glass-replacement')?.text.en).toBe(reply.text.en);
    // Half a translation, or an unknown category, is refused with the reason.
    const half = await mei.send('PUT', '/console/api/kb/replies/x', { ...reply, text: { en: 'only English' } });
    expect(half.status).toBe(400);
    expect(half.body.error?.message).toContain('text.zh');
    expect((await mei.send('PUT', '/console/api/kb/articles/y', { ...article, categories: ['nonsense'] })).status).toBe(400);
    expect((await mei.send('DELETE', '/console/api/kb/articles/broken-glass')).status).toBe(200);
  });

  it("a case's suggestions fit its category and have its variables filled, in its language", async () => {
    await mei.send('PUT', '/console/api/kb/replies/glass-replacement', reply);
    const { complaint: en } = await w.complaints.submit(address('c-en'), 'c-en', draft({ category: 'damaged_in_transit', orderId: 'ORD-7788', consumerName: 'Dee' }));
    await ling.act(en.id, 'claim');
    await ling.act(en.id, 'propose', { text: 'Refund', resolution: 'refund', amount: '25.5' });
    const s = (await ling.get<Suggestions>(`/console/api/cases/${en.id}/suggestions`)).body;
    expect(s.articles.map((a) => a.id)).toContain('damaged-goods');
    expect(s.articles.map((a) => a.id)).not.toContain('late-or-lost');
    const glass = s.replies.find((r) => r.id === 'glass-replacement')!;
    expect(glass.filled).toBe(`Dear Dee, a new vase for order ORD-7788 ships today; case ${en.id}, refund €25.50.`);
    expect(s.replies.find((r) => r.id === 'acknowledge')?.filled).toMatch(/^Hello Dee, .* ORD-7788\. I have your case RD-\d{8}-\d{4} and will update you by /);

    const { complaint: zh } = await w.complaints.submit(address('c-zh'), 'c-zh', draft({ category: 'damaged_in_transit', orderId: 'ORD-9900', consumerName: '王芳', locale: 'zh' }));
    const z = (await ling.get<Suggestions>(`/console/api/cases/${zh.id}/suggestions`)).body;
    expect(z.replies.find((r) => r.id === 'glass-replacement')?.filled).toBe(`王芳您好，订单 ORD-9900 的新花瓶今天发出；投诉 ${zh.id}，退款 €0.00。`);
  });

  it('an angry consumer\'s case also gets the de-escalation article; a calm one does not', async () => {
    const { complaint: angry } = await w.complaints.submit(address('c-angry'), 'c-angry', draft({
      category: 'late_delivery', texts: ['This is OUTRAGEOUS!!! Third time I write, you are useless scammers, I am furious!!!'],
    }));
    expect(angry.triage.emotion.anger.flagged).toBe(true);
    const { complaint: calm } = await w.complaints.submit(address('c-calm'), 'c-calm', draft({ category: 'late_delivery', orderId: 'ORD-5511' }));
    const ids = async (id: string) => (await ling.get<Suggestions>(`/console/api/cases/${id}/suggestions`)).body.articles.map((a) => a.id);
    expect((await ids(angry.id)).sort()).toEqual(['angry-consumer', 'late-or-lost']);
    expect(await ids(calm.id)).toEqual(['late-or-lost']);
  });
});
