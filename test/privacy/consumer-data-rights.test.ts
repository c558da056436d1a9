// Data rights through the real console API (real sessions, CSRF), a real redis-server, a real PostgreSQL
// archive and a real upload directory: export holds one consumer's data and no one else's; erasure leaves
// nothing of theirs in any Redis key, any archive table or the upload directory, and the case still counts.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging/logger.js';
import { AlertLog } from '../../src/reports/alert-log.js';
import { EvidenceRetention } from '../../src/retention/evidence-retention.js';
import { TrackedFileStorage } from '../../src/retention/tracked-file.storage.js';
import { LocalFileStorage } from '../../src/storage/local-file.storage.js';
import type { ConsumerExport } from '../../src/privacy/consumer-export.js';
import { seedCases } from '../helpers/archive-fixtures.js';
import { TestPostgres } from '../helpers/postgres-server.js';
import { TestRedis } from '../helpers/redis-server.js';
import { consumer, eventually, fileComplaint, startTestApp, type TestApp } from '../helpers/test-app.js';
import { AgentClient } from '../adapters/console/console-client.js';

const AGENTS = JSON.stringify([
  { id: 'a-sup', name: 'Sue', role: 'supervisor', compensationLimit: 1000, password: 'pw-sup-12345' },
  { id: 'a-ann', name: 'Ann', role: 'agent', compensationLimit: 100, password: 'pw-ann-12345' },
]);
const NAME = 'Zelda Quixote';
const TEXTS = ['The parcel arrived damaged, the porcelain heron is in pieces', 'Heron beak snapped clean off, glaze chipped everywhere', 'Also my neighbour Bartholomew saw the courier kick it'];
const FILE = 'heron-shards-evidence.jpg';

const redis = new TestRedis();
const pg = new TestPostgres();
let t: TestApp;
let dir: string;
let sue: AgentClient;
let ann: AgentClient;
let zelda: ReturnType<typeof consumer>;
let other: ReturnType<typeof consumer>;
let zeldaCase: string;
let otherCase: string;
const today = new Date().toISOString().slice(0, 10);

const archived = async (id: string) => (await t.app.core.archive!.db.query<{ n: number }>(
  "SELECT count(*)::int AS n FROM archive_events WHERE complaint_id = $1 AND type = 'consumer_message'", [id]))[0]?.n ?? 0;

beforeAll(async () => {
  await Promise.all([redis.start(), pg.start()]);
  dir = await mkdtemp(join(tmpdir(), 'redress-privacy-'));
  t = await startTestApp(redis.url, { AGENTS, ARCHIVE_ENABLED: 'true', DATABASE_URL: await pg.createDatabase(), UPLOAD_DIR: dir });
  const base = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}`;
  [sue, ann] = await Promise.all([AgentClient.login(base, 'a-sup', 'pw-sup-12345'), AgentClient.login(base, 'a-ann', 'pw-ann-12345')]);

  zelda = consumer(t);
  await zelda.send({ text: TEXTS[0], displayName: NAME });
  await zelda.press('yes');
  await zelda.say('A12345678');
  await zelda.send({ text: TEXTS[1], displayName: NAME });
  await zelda.press('skip');
  await zelda.press('refund');
  // As a real channel does (Telegram's `from`, the widget's signed identity), the confirming turn carries her name too.
  await zelda.send({ action: 'confirm', displayName: NAME });
  zeldaCase = /RD-\d{8}-\d{4}/.exec(zelda.last()?.text ?? '')![0];
  // A photo as a channel stores one: under the conversation, through the app's own (tracked) storage.
  const storage = new TrackedFileStorage(new LocalFileStorage({ dir }), t.app.core.redis, t.app.core.keys);
  const storageKey = `test/${zelda.address.conversationId}/${FILE}`;
  const { url, sizeBytes } = await storage.put(storageKey, Buffer.from('\xff\xd8\xff heron photo bytes'), 'image/jpeg');
  await zelda.send({ text: TEXTS[2], displayName: NAME, attachments: [{ kind: 'image', name: FILE, mimeType: 'image/jpeg', sizeBytes, url, storageKey, storedAt: Date.now() }] });

  other = consumer(t);
  otherCase = await fileComplaint(other);
  await eventually(async () => (await archived(zeldaCase)) > 0, 'the consumer message in the archive');
}, 120_000);

afterAll(async () => {
  await t?.app.close();
  await Promise.all([redis.destroy(), pg.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const exportPath = (id: string) => `/console/api/consumers/${encodeURIComponent(id)}/export`;
const erasePath = (id: string) => `/console/api/consumers/${encodeURIComponent(id)}/erase`;

it('a plain agent gets 403 on export, erasure and the CSV; an erase without the CSRF token is refused', async () => {
  expect((await ann.get(exportPath(zelda.consumerId))).status).toBe(403);
  expect((await ann.post(erasePath(zelda.consumerId), { reason: 'asked' })).status).toBe(403);
  const csv = await fetch(`${ann.baseUrl}/console/api/reports.csv`, { headers: { cookie: ann.cookie } });
  expect(csv.status).toBe(403);
  const forged = await sue.post(erasePath(zelda.consumerId), { reason: 'asked' }, { 'x-csrf-token': 'nope' });
  expect(forged.status).toBe(403);
  expect(forged.body.error?.code).toBe('console.csrf');
  expect((await sue.post(erasePath(zelda.consumerId), {})).status).toBe(400);
});

it("export holds the consumer's cases, timelines and files, and nothing of another consumer", async () => {
  const res = await sue.get<ConsumerExport>(exportPath(zelda.consumerId));
  expect(res.status).toBe(200);
  expect(res.body.consumerId).toBe(zelda.consumerId);
  expect(res.body.profile?.complaintIds).toContain(zeldaCase);
  expect(res.body.cases.map((c) => c.complaint.id)).toEqual([zeldaCase]);
  const text = JSON.stringify(res.body);
  expect(text).not.toContain(otherCase);
  expect(text).not.toContain(other.consumerId);
  expect(text).toContain(TEXTS[0]);
  expect(text).toContain(TEXTS[2]);
  expect(res.body.cases[0]!.timeline.some((e) => e.type === 'consumer_message')).toBe(true);
  expect(res.body.files).toEqual([expect.objectContaining({ complaintId: zeldaCase, name: FILE, mimeType: 'image/jpeg', sizeBytes: expect.any(Number) })]);
  expect(res.body.conversations.map((c) => c.conversationId)).toEqual([zelda.address.conversationId]);
  const audit = (await new AlertLog(t.app.core.redis, t.app.core.keys).recent()).find((a) => a.kind === 'data_exported');
  expect(audit?.text).toContain('Sue (a-sup) exported the data of consumer');
});

it('the CSV has one row per case of the period, CRLF, with the header', async () => {
  const res = await fetch(`${sue.baseUrl}/console/api/reports.csv?from=${today}&to=${today}`, { headers: { cookie: sue.cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  const body = await res.text();
  const lines = body.split('\r\n');
  expect(lines[0]).toBe('"id","created","category","tier","status","first_response_minutes","resolve_minutes","rating"');
  expect(lines.filter((l) => l.startsWith(`"${zeldaCase}"`) || l.startsWith(`"${otherCase}"`))).toHaveLength(2);
  expect(lines.at(-1)).toBe('');
});

/** Every key under the prefix with its values, as text (strings, lists, hashes, sets, zsets, streams). */
async function everyRedisValue(): Promise<string[]> {
  const r = t.app.core.redis;
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${t.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await r.type(key);
      let value: unknown;
      if (type === 'string') value = await r.get(key);
      else if (type === 'list') value = await r.lrange(key, 0, -1);
      else if (type === 'hash') value = await r.hgetall(key);
      else if (type === 'set') value = await r.smembers(key);
      else if (type === 'zset') value = await r.zrange(key, '0', '-1');
      else if (type === 'stream') value = await r.xrange(key, '-', '+');
      out.push(`${key} ${JSON.stringify(value)}`);
    }
  } while (cursor !== '0');
  return out;
}

async function everyArchiveRow(): Promise<string[]> {
  const db = t.app.core.archive!.db;
  const tables = await db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'");
  expect(tables.map((x) => x.name)).toContain('archive_events');
  const rows: string[] = [];
  for (const { name } of tables) rows.push(...(await db.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`)).map((x) => `${name} ${x.row}`));
  return rows;
}

async function everyUpload(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath, e.name);
    out.push(e.isFile() ? `${path} ${await readFile(path, 'latin1')}` : path);
  }
  return out;
}

it('erasure leaves no personal data in any Redis key, archive row or upload; the case still counts; the audit entry exists', async () => {
  const needles = [zelda.address.userId, zelda.consumerId, NAME, ...TEXTS, FILE, 'Bartholomew'];
  const found = (haystack: string[]) => haystack.filter((h) => needles.some((n) => h.includes(n)));
  // The search finds them before erasure: it could fail. Her name is on the case (and so in the queue index) too.
  expect((await t.app.core.complaints.store.require(zeldaCase)).consumerName).toBe(NAME);
  expect(found(await everyRedisValue()).length).toBeGreaterThan(0);
  expect(found(await everyArchiveRow()).length).toBeGreaterThan(0);
  expect(found(await everyUpload(dir)).length).toBeGreaterThan(0);
  const before = await sue.get<{ summary: { cases: number } }>(`/console/api/reports?from=${today}&to=${today}`);
  const versionBefore = (await t.app.core.complaints.store.require(zeldaCase)).version;

  const res = await sue.post<{ erased: boolean; pseudonym: string; cases: number; files: number }>(erasePath(zelda.consumerId), { reason: 'Erasure request by email, ticket 4411' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ erased: true, cases: 1, files: 1 });
  const pseudonym = res.body.pseudonym;
  // Side effects of the last changes may still be running: give them time to (not) bring anything back.
  await new Promise((r) => setTimeout(r, 1_000));

  expect(found(await everyRedisValue())).toEqual([]);
  expect(found(await everyArchiveRow())).toEqual([]);
  expect(found(await everyUpload(dir))).toEqual([]);

  const kept = await t.app.core.complaints.store.require(zeldaCase);
  expect(kept.version).toBe(versionBefore + 1);
  expect(kept).toMatchObject({ consumerId: pseudonym, category: 'damaged_in_transit', description: '', texts: [] });
  const after = await sue.get<{ summary: { cases: number } }>(`/console/api/reports?from=${today}&to=${today}`);
  expect(after.body.summary.cases).toBe(before.body.summary.cases);
  // The case page still opens, with the process steps and without the words.
  const page = await sue.get<{ timeline: Array<{ type: string; summary: string }> }>(`/console/api/cases/${zeldaCase}`);
  expect(page.status).toBe(200);
  expect(page.body.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'status_changed', 'consumer_message']));
  const csv = await (await fetch(`${sue.baseUrl}/console/api/reports.csv?from=${today}&to=${today}`, { headers: { cookie: sue.cookie } })).text();
  expect(csv).toContain(`"${zeldaCase}"`);
  expect((await sue.get<ConsumerExport>(exportPath(pseudonym))).body.cases.map((c) => c.complaint.id)).toEqual([zeldaCase]);
  // Agents carry on with the case: the next change commits on top of the erased version.
  const claimed = await sue.act(zeldaCase, 'claim');
  expect(claimed.status).toBe(200);
  await eventually(async () => (await t.app.core.archive!.db.query<{ status: string }>('SELECT status FROM archive_cases WHERE id = $1', [zeldaCase]))[0]?.status === 'claimed', 'the claim in the archive');
  expect(found(await everyRedisValue())).toEqual([]);
  expect(found(await everyArchiveRow())).toEqual([]);
  // The other consumer is untouched.
  expect((await sue.get<ConsumerExport>(exportPath(other.consumerId))).body.cases.map((c) => c.complaint.id)).toEqual([otherCase]);

  const audit = (await new AlertLog(t.app.core.redis, t.app.core.keys).recent()).find((a) => a.kind === 'data_erased');
  expect(audit?.text).toContain(pseudonym);
  expect(audit?.text).toContain('a-sup');
  expect(audit?.text).toContain('ticket 4411');
  await eventually(async () => (await t.app.core.archive!.db.query("SELECT 1 FROM archive_alerts WHERE kind = 'data_erased' AND strpos(doc::text, $1) > 0", [pseudonym])).length === 1, 'the audit entry in the archive');

  // UPLOAD_RETENTION_DAYS still holds: a sweep that would expire everything finds nothing of this case left.
  const storage = new TrackedFileStorage(new LocalFileStorage({ dir }), t.app.core.redis, t.app.core.keys);
  const sweep = await new EvidenceRetention({ complaints: t.app.core.complaints, storage, redis: t.app.core.redis, keys: t.app.core.keys, retentionDays: 0, logger: silentLogger, now: () => Date.now() + 1_000 }).sweep();
  expect(sweep).toMatchObject({ skipped: false, filesRemoved: 0 });
  expect((await t.app.core.complaints.store.require(zeldaCase)).evidence).toEqual([{ kind: 'image', mimeType: 'image/jpeg', sizeBytes: expect.any(Number) }]);

  const again = await sue.post<{ erased: boolean; message: string }>(erasePath(zelda.consumerId), { reason: 'asked twice' });
  expect(again.status).toBe(200);
  expect(again.body.erased).toBe(false);
  expect(again.body.message).toMatch(/nothing is left/i);
}, 60_000);

it('a consumer who never filed a case (an intake left half-way in a private chat) is erased too', async () => {
  const userId = `p${Date.now()}`;
  const text = 'The teapot I bought for Philippa Grantchester arrived damaged';
  const address = { channel: 'test', conversationId: userId, userId };
  await t.app.bot.handle({ id: `${userId}-1`, address, receivedAt: Date.now(), text });
  const needles = [userId, text, 'Philippa'];
  const found = (h: string[]) => h.filter((x) => needles.some((n) => x.includes(n)));
  await eventually(async () => found(await everyRedisValue()).length > 0, 'the half-done intake in Redis');

  const exported = await sue.get<ConsumerExport>(exportPath(`test:${userId}`));
  expect(exported.body.cases).toEqual([]);
  expect(JSON.stringify(exported.body.conversations[0]?.dialogState)).toContain('Philippa Grantchester');
  const res = await sue.post<{ erased: boolean; cases: number; conversations: number }>(erasePath(`test:${userId}`), { reason: 'Asked in the chat' });
  expect(res.body).toMatchObject({ erased: true, cases: 0 });
  expect(res.body.conversations).toBeGreaterThan(0);
  expect(found(await everyRedisValue())).toEqual([]);
  expect(found(await everyArchiveRow())).toEqual([]);
  expect((await sue.post<{ erased: boolean }>(erasePath(`test:${userId}`), { reason: 'again' })).body.erased).toBe(false);
});

it('a case that left Redis (as closed cases will after ARCHIVE_AFTER_DAYS) is exported and erased from the archive', async () => {
  const gone = consumer(t);
  const id = await fileComplaint(gone);
  const text = 'Ottoline Fairweather says the lampshade was squashed flat';
  await gone.say(text);
  await eventually(async () => (await archived(id)) > 0, 'the case in the archive');
  await eventually(async () => (await t.app.core.redis.keys(`${t.prefix}:*:chg:${id}:*`)).length === 0, 'its side effects done');
  // What ARCHIVE_AFTER_DAYS will do to closed cases: the case leaves Redis and lives on in the archive only.
  await t.app.core.redis.del(t.app.core.keys.complaint(id), t.app.core.keys.timeline(id));

  const exported = await sue.get<ConsumerExport>(exportPath(gone.consumerId));
  expect(exported.body.cases.map((c) => [c.complaint.id, c.source])).toEqual([[id, 'archive']]);
  expect(JSON.stringify(exported.body.cases[0]!.timeline)).toContain(text);

  const res = await sue.post<{ erased: boolean; cases: number }>(erasePath(gone.consumerId), { reason: 'Request by letter' });
  expect(res.body).toMatchObject({ erased: true, cases: 1 });
  const needles = [gone.address.userId, text, 'Ottoline'];
  expect((await everyArchiveRow()).filter((r) => needles.some((n) => r.includes(n)))).toEqual([]);
  expect((await everyRedisValue()).filter((r) => needles.some((n) => r.includes(n)))).toEqual([]);
  const [row] = await t.app.core.archive!.db.query<{ consumer_id: string; category: string }>('SELECT consumer_id, category FROM archive_cases WHERE id = $1', [id]);
  expect(row).toEqual({ consumer_id: expect.stringMatching(/^erased-/), category: 'damaged_in_transit' });
});

it('the CSV from the archive streams every case of a long period, page after page, each once and in order', async () => {
  const n = 12_345; // more than two pages
  const from = Date.parse('2026-08-01T00:00:00Z');
  await seedCases(t.app.core.archive!.db, { n, from, spanMs: 20 * 86_400_000, prefix: 'RD-CSV-' });
  const res = await fetch(`${sue.baseUrl}/console/api/reports.csv?from=2026-08-01&to=2026-08-31`, { headers: { cookie: sue.cookie } });
  expect(res.status).toBe(200);
  const lines = (await res.text()).split('\r\n').slice(1, -1);
  expect(lines).toHaveLength(n);
  const ids = lines.map((l) => l.slice(1, l.indexOf('"', 1)));
  expect(new Set(ids).size).toBe(n);
  const created = lines.map((l) => Date.parse(l.split(',')[1]!.replaceAll('"', '')));
  expect(created.every((c, i) => i === 0 || c >= created[i - 1]!)).toBe(true);
}, 60_000);
