// Reports: the API's figures over real Redis (cases made through the core with a fake clock), and the page in Chromium.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentOperations } from '../../../src/agents/agent-operations.js';
import { ComplaintService } from '../../../src/complaints/complaint.service.js';
import { AlertLog } from '../../../src/reports/alert-log.js';
import type { LoadedReport } from '../../../src/reports/report-loader.js';
import { createRuleTriage } from '../../../src/triage/triage.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { changeProcessor } from '../../complaints/core-fixture.js';
import { screenshotPath } from '../../helpers/screenshots.js';
import { AgentClient } from './console-client.js';
import { address, draft, SLA, startWorld, type World } from './console-fixture.js';

const M = 60_000;
const DAY = 86_400_000;
// Five days ago, 09:00 UTC: every deadline of the untouched case is long past when the report is made.
const T0 = Date.parse(`${new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10)}T09:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const PERIOD = `from=${dateOf(T0)}&to=${dateOf(T0 + DAY)}`;

const server = new TestRedis();
let w: World;
let browser: Browser;
let mei: AgentClient;
let clock = T0;

/**
 * Three low-tier cases (deadlines: first response 30 min, dispatch 2 h):
 * 1 at T0: Ling claims +5, replies +10, proposes +20, consumer accepts +30 (resolved), rates 5 +40 (closed).
 * 2 at T0+60: Omar claims +10, replies +60 (late), resolves +90, consumer rates 1 +100 (reopened).
 * 3 at T0+1 day: never touched (both deadlines breached by now).
 */
async function seed(): Promise<void> {
  const now = () => clock;
  const complaints = new ComplaintService(w.store, w.profiles, createRuleTriage(SLA), changeProcessor(w.redis, w.keys, w.events), now);
  const ops = new AgentOperations(complaints, w.agents, now);
  const step = async <T>(min: number, from: number, act: () => Promise<T>) => { clock = from + min * M; return act(); };

  const one = (await step(0, T0, () => complaints.submit(address('c-ana'), 'c-ana', draft({ category: 'late_delivery' })))).complaint;
  await step(5, T0, () => ops.claim('a-ling', one.id));
  await step(10, T0, () => ops.reply('a-ling', one.id, 'I have asked the courier; news by 6 pm.'));
  await step(20, T0, () => ops.propose('a-ling', one.id, { text: 'Refund of the shipping fee.', resolution: 'refund', amount: 8 }));
  await step(30, T0, () => complaints.acceptProposal('c-ana', one.id));
  await step(40, T0, () => complaints.rate('c-ana', one.id, 5));

  const t2 = T0 + 60 * M;
  const two = (await step(0, t2, () => complaints.submit(address('c-ben'), 'c-ben', draft({ category: 'billing', description: 'I was charged twice for one order.', texts: ['I was charged twice for one order.'] })))).complaint;
  await step(10, t2, () => ops.claim('a-omar', two.id));
  await step(60, t2, () => ops.reply('a-omar', two.id, 'Refunding the second charge.'));
  await step(90, t2, () => ops.resolve('a-omar', two.id, 'Refunded.'));
  await step(100, t2, () => complaints.rate('c-ben', two.id, 1));

  await step(0, T0 + DAY, () => complaints.submit(address('c-cai'), 'c-cai', draft({ category: 'late_delivery' })));
  // Before the period: not counted.
  await step(0, T0 - DAY, () => complaints.submit(address('c-old'), 'c-old', draft({ category: 'other' })));

  const log = new AlertLog(w.redis, w.keys);
  await log.record({ kind: 'surge', text: 'Surge: 10 complaints about merchant m-luxe within 60 min', at: T0 + 2 * 60 * M });
  await log.record({ kind: 'escalated', text: 'Outside the period', at: T0 - DAY });
}

beforeAll(async () => {
  await server.start();
  w = await startWorld(server.url, { env: { CONSOLE_SESSION_SECRET: 'r'.repeat(48) } });
  await seed();
  mei = await AgentClient.login(w.baseUrl, 's-mei', 'mei-pass');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
  await server.destroy();
});

describe('GET /console/api/reports', () => {
  it('reports the period\'s figures from real cases', async () => {
    const res = await mei.get<LoadedReport>(`/console/api/reports?${PERIOD}`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.period).toMatchObject({ fromDate: dateOf(T0), toDate: dateOf(T0 + DAY), days: 2 });
    expect(r.truncated).toBe(false);
    expect(r.summary).toEqual({
      cases: 3, open: 2, // 2 reopened, 3 queued
      slaCompliance: 0.5, // on time: 1's two, 2's dispatch = 3 of 6 (2's reply late, 3's both breached)
      firstResponseP50: 10 * M, resolveP50: 30 * M, // replies [10, 60], resolved [30, 90] minutes
      averageRating: 3, reopenRate: 0.5, // ratings 5 and 1; 2 of the 2 resolved reopened
    });
    expect(r.sla).toEqual([
      { kind: 'first_response', total: 3, metOnTime: 1, metLate: 1, breached: 1, pending: 0, compliance: 0.3333 },
      { kind: 'dispatch', total: 3, metOnTime: 2, metLate: 0, breached: 1, pending: 0, compliance: 0.6667 },
    ]);
    expect(r.firstResponse).toEqual({ count: 2, p50: 10 * M, p90: 60 * M });
    expect(r.resolve).toEqual({ count: 2, p50: 30 * M, p90: 90 * M });
    expect(r.satisfaction).toEqual({ rated: 2, average: 3, distribution: [1, 0, 0, 0, 1], lowShare: 0.5 });
    expect(r.byGroup.filter((g) => g.count)).toEqual([{ key: 'fulfilment', count: 2 }, { key: 'billing', count: 1 }]);
    expect(r.byStatus).toEqual([{ key: 'closed', count: 1 }, { key: 'queued', count: 1 }, { key: 'reopened', count: 1 }]);
    expect(r.agents).toEqual([
      { agentId: 'a-ling', name: 'Ling', claimed: 1, firstResponses: 1, firstResponseP50: 10 * M, resolved: 1, rated: 1, averageRating: 5 },
      { agentId: 'a-omar', name: 'Omar', claimed: 1, firstResponses: 1, firstResponseP50: 60 * M, resolved: 1, rated: 1, averageRating: 1 },
    ]);
    expect(r.surges.alerts.map((a) => a.text)).toEqual(['Surge: 10 complaints about merchant m-luxe within 60 min']);
  });

  it('defaults to the last 7 days', async () => {
    const res = await mei.get<LoadedReport>('/console/api/reports');
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ toDate: dateOf(Date.now()), days: 7 });
    expect(res.body.summary.cases).toBe(4); // the one "before the period" (T0 - 1 day) is 6 days ago
  });

  it.each([
    ['from=2026-02-30', /"from" must be a date written YYYY-MM-DD/],
    ['from=03/01/2026', /"from" must be a date written YYYY-MM-DD/],
    ['from=2026-03-10&to=2026-03-01', /is after "to"/],
    ['from=2026-01-01&to=2026-04-03', /at most 92/],
    ['from=2026-03-01&from=2026-03-02', /Give "from" once/],
  ])('refuses %s with 400 and a clear message', async (query, message) => {
    const res = await mei.get(`/console/api/reports?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'input.invalid', message: expect.stringMatching(message) });
  });

  it('needs a login', async () => {
    const api = await fetch(`${w.baseUrl}/console/api/reports`);
    expect(api.status).toBe(401);
    const page = await fetch(`${w.baseUrl}/console/reports`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/login');
  });
});

describe('reports page in Chromium', () => {
  it('renders the tiles and tables for the chosen period', async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => { if (r.status() === 404) problems.push(`404 ${r.url()}`); });
    // Chromium's own favicon request 404s; resources the page asks for are checked through 'response'.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
    await page.goto(`${w.baseUrl}/console/login`);
    await page.getByLabel('Agent id').fill('a-ling');
    await page.getByLabel('Password').fill('ling-pass');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#queue-body tr').first().waitFor();

    await page.getByRole('link', { name: 'Reports' }).click();
    await page.locator('#tile-cases [data-value]', { hasText: /^\d+$/ }).waitFor();
    await page.getByLabel('From').fill(dateOf(T0));
    await page.getByLabel('To').fill(dateOf(T0 + DAY));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#report-period', { hasText: `${dateOf(T0)} to ${dateOf(T0 + DAY)}` }).waitFor();

    const tile = (id: string) => page.locator(`#tile-${id} [data-value]`).textContent();
    expect(await tile('cases')).toBe('3');
    expect(await tile('sla')).toBe('50%');
    expect(await tile('first-response')).toBe('10m');
    expect(await tile('rating')).toBe('3.00 / 5');
    expect(await tile('reopen')).toBe('50%');
    expect(await page.locator('#tile-sla [data-note]').textContent()).toBe('3 of 6 deadlines met on time');
    expect(await page.locator('#agents-body tr').allTextContents()).toEqual(['Ling110m15.00 / 5 (1)', 'Omar11h 0m11.00 / 5 (1)']);
    expect(await page.locator('#sla-body tr').first().textContent()).toBe('first response111033.3%');
    expect(await page.locator('#alerts-body tr').count()).toBe(1);
    expect(page.url()).toContain(`/console/reports?${PERIOD}`);
    await page.screenshot({ path: screenshotPath('console-reports.png'), fullPage: true });

    // A bad period is explained on the page, not thrown away.
    await page.getByLabel('From').fill('2025-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('reports cover at most 92').waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
});
