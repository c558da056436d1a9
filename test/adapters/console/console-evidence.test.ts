// Evidence files over real HTTP: a logged-in agent sees a case's photos; nobody else does, except with a signed,
// unexpired link for exactly that file. Real core, real redis-server, files through the real storage port.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../adapters/console/console.mapper.js';
import type { Attachment } from '../../../src/messages/message.types.js';
import { evidenceLink, evidenceLinkOptions } from '../../../src/evidence/evidence-link.js';
import { tinyPng } from '../webchat/png.fixture.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { AgentClient } from './console-client.js';
import { address, draft, startWorld, type World } from './console-fixture.js';

const SECRET = 'evidence-link-secret-for-tests-0123456789';
const server = new TestRedis();
const png = tinyPng(8);
const pdf = Buffer.from('%PDF-1.4\n% not really a receipt\n');
let w: World;
let ling: AgentClient;

beforeAll(async () => { await server.start(); });
beforeEach(async () => {
  w = await startWorld(server.url, { env: { EVIDENCE_LINK_SECRET: SECRET, PUBLIC_URL: 'https://redress.example.com' } });
  ling = await AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass');
});
afterEach(async () => { await w.close(); });
afterAll(async () => { await server.destroy(); });

async function stored(key: string, bytes: Buffer, mimeType: string, kind: Attachment['kind'] = 'image'): Promise<Attachment> {
  const { url, sizeBytes } = await w.storage.put(key, bytes, mimeType);
  return { kind, url, mimeType, sizeBytes, storageKey: key, storedAt: Date.now() };
}

/** A case with a widget photo and a PDF, and a second case with a photo of its own. */
async function seed() {
  const photo = await stored('webchat/conv-a/att_a1.png', png, 'image/png');
  const receipt = await stored('telegram/42/receipt.pdf', pdf, 'application/pdf', 'file');
  const a = (await w.complaints.submit(address('c-a'), 'c-a', draft({ category: 'damaged_in_transit', evidence: [photo, receipt] }))).complaint;
  const other = await stored('webchat/conv-b/att_b1.png', tinyPng(8, [0, 0, 255]), 'image/png');
  const b = (await w.complaints.submit(address('c-b'), 'c-b', draft({ evidence: [other] }))).complaint;
  return { a, b };
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${w.baseUrl}${path}`, { headers, redirect: 'manual' });
const asAgent = (path: string) => get(path, { cookie: ling.cookie });

describe('evidence for a logged-in agent', () => {
  it('the case lists its files with console URLs, and each is served with safe headers', async () => {
    const { a } = await seed();
    const res = await ling.get<{ case: CaseDetail }>(`/console/api/cases/${a.id}`);
    expect(res.body.case.evidence).toEqual([
      { kind: 'image', name: null, mimeType: 'image/png', url: `/console/evidence/${a.id}/0`, removedAfterDays: null },
      { kind: 'file', name: null, mimeType: 'application/pdf', url: `/console/evidence/${a.id}/1`, removedAfterDays: null },
    ]);

    const photo = await asAgent(`/console/evidence/${a.id}/0`);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(png);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photo.headers.get('content-disposition')).toBe(`inline; filename="${a.id}-1.png"`);
    expect(photo.headers.get('cache-control')).toMatch(/^private/);
    expect(photo.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");

    const doc = await asAgent(`/console/evidence/${a.id}/1`);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(doc.headers.get('content-disposition')).toBe(`attachment; filename="${a.id}-2.pdf"`);
  });

  it('only files attached to that complaint can be named: other indexes, cases, keys and paths are 404', async () => {
    const { a, b } = await seed();
    // A file in storage that no complaint references (an abandoned upload).
    await w.storage.put('webchat/conv-x/att_x1.png', png, 'image/png');
    for (const path of [
      `/console/evidence/${a.id}/2`, `/console/evidence/${a.id}/-1`, `/console/evidence/${a.id}/1e1`, `/console/evidence/RD-20990101-0001/0`,
      `/console/evidence/${a.id}/..%2F..%2Fwebchat%2Fconv-x%2Fatt_x1.png`, '/console/evidence/webchat/conv-x/att_x1.png',
      '/files/webchat/conv-x/att_x1.png', '/console/files/webchat/conv-x/att_x1.png',
    ]) {
      expect((await asAgent(path)).status, path).toBe(404);
    }
    // Case B's photo is B's index 0, never A's.
    const bPhoto = Buffer.from(await (await asAgent(`/console/evidence/${b.id}/0`)).arrayBuffer());
    expect(bPhoto).not.toEqual(png);
  });

  it('an attachment whose stored key would leave the storage is refused, not read', async () => {
    const evil: Attachment = { kind: 'image', mimeType: 'image/png', storageKey: '../../../../etc/passwd' };
    const legacy: Attachment = { kind: 'image', mimeType: 'image/png', url: '/files/../../etc/hostname' };
    const c = (await w.complaints.submit(address('c-evil'), 'c-evil', draft({ evidence: [evil, legacy] }))).complaint;
    expect((await asAgent(`/console/evidence/${c.id}/0`)).status).toBe(404);
    expect((await asAgent(`/console/evidence/${c.id}/1`)).status).toBe(404);
  });

  it('a file the retention job removed is shown as removed, and not served', async () => {
    const photo = await stored('webchat/conv-r/att_r1.png', png, 'image/png');
    const c = (await w.complaints.submit(address('c-r'), 'c-r', draft({ evidence: [{ ...photo, expired: { at: Date.now(), afterDays: 30 } }] }))).complaint;
    const res = await ling.get<{ case: CaseDetail }>(`/console/api/cases/${c.id}`);
    expect(res.body.case.evidence[0]).toMatchObject({ url: null, removedAfterDays: 30 });
    const served = await asAgent(`/console/evidence/${c.id}/0`);
    expect(served.status).toBe(404);
    expect(await served.text()).toContain('removed after 30 days');
  });
});

describe('evidence without a session', () => {
  it('no cookie, a forged cookie or a logged-out session: 401, and the file is not in the body', async () => {
    const { a } = await seed();
    const path = `/console/evidence/${a.id}/0`;
    const anon = await get(path);
    expect(anon.status).toBe(401);
    expect(Buffer.from(await anon.arrayBuffer()).includes(png)).toBe(false);
    expect((await get(path, { cookie: 'redress_console=forged.value' })).status).toBe(401);
    expect((await get(path, { cookie: ling.cookie.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')) })).status).toBe(401);
    // A case that does not exist looks the same to a stranger: nothing to probe.
    expect((await get('/console/evidence/RD-20990101-0001/0')).status).toBe(401);
    expect((await asAgent(path)).status).toBe(200);
    const out = await fetch(`${w.baseUrl}/console/logout`, {
      method: 'POST', redirect: 'manual', headers: { cookie: ling.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: ling.csrf }).toString(),
    });
    expect(out.status).toBe(303);
    expect((await asAgent(path)).status).toBe(401);
  });
});

describe('signed evidence links', () => {
  const options = () => evidenceLinkOptions(w.config)!;

  it('serve exactly one file without a session until they expire', async () => {
    const { a } = await seed();
    const link = await evidenceLink(a.id, 0, options());
    expect(link.startsWith(`https://redress.example.com/console/evidence/${a.id}/0?token=`)).toBe(true);
    const local = link.replace('https://redress.example.com', '');
    const res = await get(local);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
  });

  it('a tampered, misplaced, foreign-signed or expired token is 403', async () => {
    const { a, b } = await seed();
    const token = (await evidenceLink(a.id, 0, options())).split('token=')[1]!;
    const [head, body, sig] = token.split('.') as [string, string, string];
    const otherIndexBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), idx: 1 })).toString('base64url');
    const expired = (await evidenceLink(a.id, 0, { ...options(), ttlSeconds: 60, now: () => Date.now() - 3_600_000 })).split('token=')[1]!;
    const foreign = (await evidenceLink(a.id, 0, { ...options(), secret: 'someone-elses-secret-0123456789abcdef' })).split('token=')[1]!;
    const cases: Array<[string, string]> = [
      ['wrong index', `/console/evidence/${a.id}/1?token=${token}`],
      ['wrong case', `/console/evidence/${b.id}/0?token=${token}`],
      ['edited claims', `/console/evidence/${a.id}/1?token=${head}.${otherIndexBody}.${sig}`],
      ['bad signature', `/console/evidence/${a.id}/0?token=${head}.${body}.${sig.slice(0, -2)}AA`],
      ['alg none', `/console/evidence/${a.id}/0?token=${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`],
      ['expired', `/console/evidence/${a.id}/0?token=${expired}`],
      ['other secret', `/console/evidence/${a.id}/0?token=${foreign}`],
      ['empty', `/console/evidence/${a.id}/0?token=`],
    ];
    for (const [what, path] of cases) expect((await get(path)).status, what).toBe(403);
    // A bad token is refused even when a session comes along: the link is what is being checked.
    expect((await get(`/console/evidence/${a.id}/0?token=${expired}`, { cookie: ling.cookie })).status).toBe(403);
  });

  it('without EVIDENCE_LINK_SECRET no link is issued and none is accepted', async () => {
    const { a } = await seed();
    const token = (await evidenceLink(a.id, 0, options())).split('token=')[1]!;
    const plain = await startWorld(server.url, { prefix: w.prefix });
    try {
      expect(evidenceLinkOptions(plain.config)).toBeNull();
      expect((await fetch(`${plain.baseUrl}/console/evidence/${a.id}/0?token=${token}`)).status).toBe(403);
    } finally {
      await plain.close();
    }
  });
});
