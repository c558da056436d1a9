/**
 * Issue 10 item 5 for the console, in real headless Chromium: axe-core over every page an agent and a supervisor
 * use (login, the queue with rows, a case with conversation, timeline, evidence and the proposal form, reports,
 * the knowledge base), with zero serious or critical findings; and a visible focus ring (≥ 3:1 against what
 * surrounds it) on each page's buttons and links, reached by Tab.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../src/messages/message.types.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { tinyPng } from '../webchat/png.fixture.js';
import { contrast, launchChromium } from '../webchat/widget-browser.js';
import { AgentClient } from './console-client.js';
import { address, draft, startWorld, type World } from './console-fixture.js';

// The console's CSP (script-src 'self') refuses an injected <script>; evaluated over the DevTools protocol it runs.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const server = new TestRedis();
let w: World;
let browser: Browser;
let caseId: string;

interface Finding { id: string; impact: string | null; targets: string[] }

/** axe-core over the whole document (WCAG 2.x A and AA plus best practice); the serious and critical findings. */
async function seriousFindings(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

async function logIn(page: Page, id: string, password: string): Promise<void> {
  await page.goto(`${w.baseUrl}/console/login`);
  await page.getByLabel('Agent id').fill(id);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${w.baseUrl}/console`);
}

interface Ring { what: string; style: string; width: number; ratio: number; behind: string; outline: string }

/**
 * Tabs through the page; for each button and link that takes focus, the focus ring as drawn: its style and width,
 * and the contrast of its colour against the first opaque background behind the element (what the ring sits on).
 */
async function focusRings(page: Page, max = 80): Promise<Ring[]> {
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const rings: Ring[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !el.matches('a[href], button, summary')) return null;
      const style = getComputedStyle(el);
      let behind = 'rgb(255, 255, 255)';
      for (let p = el.parentElement; p; p = p.parentElement) {
        const bg = getComputedStyle(p).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') { behind = bg; break; }
      }
      const name = `${el.tagName.toLowerCase()}|${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`;
      return { what: name, style: style.outlineStyle, width: parseFloat(style.outlineWidth), outline: style.outlineColor, behind };
    });
    if (!r) continue;
    if (seen.has(r.what)) break; // wrapped around
    seen.add(r.what);
    rings.push({ ...r, ratio: contrast(r.outline, r.behind) });
  }
  return rings;
}

function expectVisibleRings(rings: Ring[], atLeast: number): void {
  expect(rings.length).toBeGreaterThanOrEqual(atLeast);
  const weak = rings.filter((r) => r.style === 'none' || r.width < 2 || r.ratio < 3).map((r) => `${r.what}: ${r.style} ${r.width}px ${r.outline} on ${r.behind} = ${r.ratio.toFixed(2)}`);
  expect(weak).toEqual([]);
}

beforeAll(async () => {
  await server.start();
  w = await startWorld(server.url, { env: { CONSOLE_SESSION_SECRET: 'y'.repeat(48), CURRENCY: 'EUR' } });
  const put = async (key: string, bytes: Buffer, mimeType: string, kind: Attachment['kind']): Promise<Attachment> => {
    const { url, sizeBytes } = await w.storage.put(key, bytes, mimeType);
    return { kind, url, mimeType, sizeBytes, storageKey: key, storedAt: Date.now() };
  };
  const photo = await put('webchat/conv-dee/att_1.png', tinyPng(16), 'image/png', 'image');
  const receipt = await put('webchat/conv-dee/receipt.pdf', Buffer.from('%PDF-1.4\n'), 'application/pdf', 'file');
  await w.complaints.submit(address('c-ana'), 'c-ana', draft({ category: 'late_delivery', orderId: 'ORD-240311', texts: ['Order still not here after 12 days. I am worried, it is for a birthday.'] }));
  await w.complaints.submit(address('c-ben'), 'c-ben', draft({ category: 'counterfeit', orderId: 'ORD-240377', texts: ['These sneakers are FAKE. This is a SCAM!!!'] }));
  const { complaint } = await w.complaints.submit(address('c-dee'), 'c-dee', draft({ category: 'damaged_in_transit', orderId: 'ORD-240402', consumerName: 'Dee', desiredResolution: 'replacement', description: 'The vase arrived in pieces.', evidence: [photo, receipt] }));
  caseId = complaint.id;
  await w.agentOps.claim('a-ling', caseId);
  await w.agentOps.reply('a-ling', caseId, 'I am sorry the vase broke. I will update you by 6 pm.');
  await w.complaints.consumerMessage('c-dee', caseId, 'Thank you, here is the box.');
  await w.agentOps.note('a-ling', caseId, 'Courier photos requested.');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
  await server.destroy();
});

describe('console accessibility', () => {
  it('the login page has no serious or critical findings, with and without an error', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${w.baseUrl}/console/login`);
    expect(await seriousFindings(page)).toEqual([]);
    await page.getByLabel('Agent id').fill('a-ling');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('do not match').waitFor();
    expect(await seriousFindings(page)).toEqual([]);
    expectVisibleRings(await focusRings(page), 1);
    await page.close();
  });

  const runs = [['an agent', 'a-ling', 'ling-pass', 1366], ['a supervisor', 's-mei', 'mei-pass', 1366], ['an agent', 'a-ling', 'ling-pass', 375]] as const;
  for (const [who, id, password, width] of runs) {
    it(`the queue, a case, reports and knowledge have no serious or critical findings for ${who} at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await logIn(page, id, password);
      await page.getByText('Live', { exact: true }).waitFor();
      await expect.poll(() => page.locator('#queue-body tr[data-id]').count()).toBe(3);
      if (width > 960) await page.locator('#queue-body details.raw').first().locator('summary').click();
      expect(await seriousFindings(page), 'queue').toEqual([]);
      await page.locator('#shortcut-help-open').click();
      await page.locator('#shortcut-help[open]').waitFor();
      expect(await seriousFindings(page), 'queue with the shortcut help').toEqual([]);
      await page.keyboard.press('Escape');

      await page.goto(`${w.baseUrl}/console/cases/${caseId}`);
      await page.getByText('Live', { exact: true }).waitFor();
      await page.locator('#timeline li').nth(3).waitFor();
      await page.locator('#evidence .evidence-thumb').waitFor();
      await page.locator('#conversation li.msg-agent').waitFor();
      await page.locator('#kb-articles details').first().waitFor();
      expect(await page.getByLabel('What we will do').count()).toBe(1);
      expect(await seriousFindings(page), 'case').toEqual([]);
      await page.locator('#evidence .evidence-thumb').click();
      await page.locator('#evidence-dialog[open]').waitFor();
      expect(await seriousFindings(page), 'case with the photo open').toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByLabel('Reply to consumer').focus();
      await page.keyboard.press('/');
      await page.locator('#reply-picker [role=option]').first().waitFor();
      expect(await seriousFindings(page), 'case with the canned-reply picker').toEqual([]);
      await page.keyboard.press('Escape');

      await page.goto(`${w.baseUrl}/console/reports`);
      await expect.poll(() => page.locator('#tile-cases [data-value]').textContent()).toBe('3');
      await page.locator('#categories-body tr').first().waitFor();
      expect(await seriousFindings(page), 'reports').toEqual([]);
      // Tables wider than the phone scroll sideways and can be reached by Tab to do it; at desktop width none is a stop.
      const stops = await page.locator('.report-table[tabindex="0"][role=group]').count();
      if (width < 480) expect(stops).toBeGreaterThan(0);
      else expect(stops).toBe(0);

      await page.goto(`${w.baseUrl}/console/knowledge`);
      await page.locator('#kb-articles-list .kb-entry').first().waitFor();
      expect(await seriousFindings(page), 'knowledge').toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('says a change of status once, in a status region, instead of making the ticking case head live', async () => {
    const { complaint } = await w.complaints.submit(address('c-eve'), 'c-eve', draft({ category: 'refund_refused', texts: ['The shop refuses my refund.'] }));
    await w.agentOps.claim('a-ling', complaint.id);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await logIn(page, 'a-ling', 'ling-pass');
    await page.goto(`${w.baseUrl}/console/cases/${complaint.id}`);
    await page.getByText('You own this case').waitFor();
    expect(await page.locator('#case-head').getAttribute('aria-live')).toBeNull();
    expect(await page.locator('#case-head [aria-live], #case-head [role=status]').count()).toBe(0);
    expect(await page.locator('#case-live').textContent()).toBe(''); // nothing said on load
    await w.agentOps.investigate('a-ling', complaint.id);
    await expect.poll(() => page.locator('#case-live').textContent()).toBe('Case now investigating, owned by you.');
    expect(await page.locator('#case-live').getAttribute('role')).toBe('status');
    await page.close();
  });

  it('draws a focus ring of at least 3:1 on the buttons and links of the queue, a case, reports and knowledge', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await logIn(page, 'a-ling', 'ling-pass');
    await page.locator('#queue-body tr[data-id]').first().waitFor();
    const queue = await focusRings(page);
    // The dark top bar (brand, navigation, log out) and the light page (tabs, pager, case links) alike.
    expect(queue.map((r) => r.what)).toEqual(expect.arrayContaining(['a|Cases', 'button|Log out', 'button|Open']));
    expect(queue.some((r) => r.what.startsWith('a|RD-'))).toBe(true);
    expectVisibleRings(queue, 8);

    await page.goto(`${w.baseUrl}/console/cases/${caseId}`);
    await page.locator('#evidence .evidence-thumb').waitFor();
    await page.locator('#timeline li').nth(3).waitFor();
    const onCase = await focusRings(page, 120);
    expect(onCase.map((r) => r.what)).toEqual(expect.arrayContaining(['a|← All cases', 'button|Send reply', 'button|Propose']));
    expectVisibleRings(onCase, 8);

    await page.goto(`${w.baseUrl}/console/reports`);
    await page.locator('#categories-body tr').first().waitFor();
    expectVisibleRings(await focusRings(page), 5);

    await page.goto(`${w.baseUrl}/console/knowledge`);
    await page.locator('#kb-articles-list .kb-entry').first().waitFor();
    const kb = await focusRings(page);
    expect(kb.filter((r) => r.what.startsWith('summary|')).length).toBeGreaterThan(2); // the articles, disclosed by Enter
    expectVisibleRings(kb, 6);
    await page.close();
  }, 60_000);

  // Last: it empties the knowledge base's canned replies, which the tests above use.
  it('the canned-reply picker with nothing to offer is still a valid listbox', async () => {
    const mei = await AgentClient.login(w.baseUrl, 's-mei', 'mei-pass');
    const kb = await mei.get<{ replies: { id: string }[] }>('/console/api/kb');
    for (const r of kb.body.replies) expect((await mei.send('DELETE', `/console/api/kb/replies/${r.id}`)).status).toBeLessThan(300);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await logIn(page, 'a-ling', 'ling-pass');
    await page.goto(`${w.baseUrl}/console/cases/${caseId}`);
    await page.locator('#timeline li').nth(3).waitFor();
    await page.getByLabel('Reply to consumer').focus();
    await page.keyboard.press('/');
    await page.locator('#reply-picker', { hasText: 'No canned replies for this case.' }).waitFor();
    expect(await seriousFindings(page)).toEqual([]);
    await page.close();
  });
});
