// Evidence in Slack: the consumer's files appear on the case post and in the thread as signed links that the
// real console route serves (and refuses without the token); without EVIDENCE_LINK_SECRET the line says so.
// Real core, real redis-server, real files through the local storage, the fake Slack Web API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../src/messages/message.types.js';
import { LocalFileStorage } from '../../../src/storage/local-file.storage.js';
import { eventually } from '../../helpers/test-app.js';
import { tinyPng } from '../webchat/png.fixture.js';
import { QUEUE, address, draft, refused, slackAppPerTest, threadLines } from './slack-app.js';
import { textsOf } from './slack-render.js';

const SECRET = 'evidence-link-secret-for-slack-tests-0123';
const png = tinyPng(8);
let dir: string;

beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'redress-slack-evidence-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });
// Registered after the hooks above: after-hooks run in reverse, so each test's app closes before its upload dir goes.
const s = slackAppPerTest({ startApp: false, env: () => ({ UPLOAD_DIR: dir }) });

async function stored(key: string, name?: string): Promise<Attachment> {
  const { url, sizeBytes } = await new LocalFileStorage({ dir }).put(key, png, 'image/png');
  return { kind: 'image', url, mimeType: 'image/png', sizeBytes, storageKey: key, storedAt: Date.now(), ...(name ? { name } : {}) };
}

/** Links (`<url|label>`) in the mrkdwn of a message's blocks. */
const linksIn = (blocks: unknown) => textsOf(blocks).filter((p) => p.type === 'mrkdwn').flatMap((p) => [...p.text.matchAll(/<(https?:[^|>]+)\|([^>]+)>/g)].map((m) => ({ url: m[1]!, label: m[2]! })));
/** The link's path and token against the running app (PUBLIC_URL names where agents reach it, not this port). */
const onApp = (url: string) => `${s.baseUrl}${new URL(url).pathname}${new URL(url).search}`;

async function fileWithPhoto(consumerId: string) {
  const photo = await stored(`webchat/${consumerId}/att_1.png`, 'box *corner* <!channel>.png');
  const { complaint } = await s.t.app.core.complaints.submit(address(consumerId), `test:${consumerId}`, { ...draft('The lamp arrived smashed'), evidence: [photo] });
  let post: (typeof s.slack.calls)[number] | undefined;
  await eventually(() => (post = s.slack.ok('chat.postMessage').find((c) => c.args.channel === QUEUE && !c.args.thread_ts && String(c.args.text).includes(complaint.id))), 'the case posted');
  return { id: complaint.id, post: post! };
}

describe('evidence links in Slack', () => {
  it('the case post and the "added evidence" line link each file with a signed link the console serves only with its token', async () => {
    await s.start({ EVIDENCE_LINK_SECRET: SECRET, PUBLIC_URL: 'https://redress.example.com' });
    const { id, post } = await fileWithPhoto('ev1');
    const [link] = linksIn(post.args.blocks);
    expect(link?.url).toMatch(new RegExp(`^https://redress\\.example\\.com/console/evidence/${id}/0\\?token=`));
    expect(link?.label).toContain('photo 1');
    expect(link?.label).not.toContain('<!channel>');
    expect(link?.label).not.toContain('*corner*');
    // Agents are told how long the link works (EVIDENCE_LINK_TTL_HOURS, 7 days by default).
    const until = /The links open without a login until <!date\^(\d+)\^/.exec(JSON.stringify(post.args.blocks))?.[1];
    expect(Number(until) * 1000 - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(Number(until) * 1000 - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600_000);

    const served = await fetch(onApp(link!.url));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    const bare = await fetch(`${s.baseUrl}${new URL(link!.url).pathname}`);
    expect(bare.status).toBe(401);
    const forged = await fetch(`${onApp(link!.url).replace(/\/0\?/, '/1?')}`);
    expect(forged.status).toBe(403);

    // The consumer sends a second photo later: the thread line links that one (index 1), the post both.
    const second = await stored('webchat/ev1/att_2.png');
    await s.t.app.core.complaints.consumerMessage('test:ev1', id, 'Here is the box', [second], 'test');
    const ts = String(post.result.ts);
    await eventually(() => threadLines(s.slack, ts).some((c) => linksIn(c.args.blocks).length), 'the evidence line');
    const evidenceLine = threadLines(s.slack, ts).find((c) => linksIn(c.args.blocks).length)!;
    expect(String(evidenceLine.args.text)).toContain('added evidence');
    expect(linksIn(evidenceLine.args.blocks).map((l) => new URL(l.url).pathname)).toEqual([`/console/evidence/${id}/1`]);
    expect((await fetch(onApp(linksIn(evidenceLine.args.blocks)[0]!.url))).status).toBe(200);
    await eventually(() => s.slack.ok('chat.update').some((c) => linksIn(c.args.blocks).length === 2), 'the case post links both photos');
    expect(refused(s.slack)).toEqual([]);
  });

  it('without EVIDENCE_LINK_SECRET the post names the files and says links are not configured, with no link', async () => {
    await s.start({ PUBLIC_URL: 'https://redress.example.com' });
    const { post } = await fileWithPhoto('ev2');
    expect(linksIn(post.args.blocks)).toEqual([]);
    const mrkdwn = textsOf(post.args.blocks).filter((p) => p.type === 'mrkdwn').map((p) => p.text).join('\n');
    expect(mrkdwn).toContain('photo 1');
    expect(mrkdwn).toContain('EVIDENCE_LINK_SECRET');
  });

  it('fifty files still fit one message: the rest are counted with a pointer to the console', async () => {
    await s.start({ EVIDENCE_LINK_SECRET: SECRET, PUBLIC_URL: 'https://redress.example.com' });
    const files = await Promise.all(Array.from({ length: 50 }, (_, i) => stored(`webchat/ev3/att_${i}.png`, `photo-${'x'.repeat(50)}-${i}.png`)));
    const { complaint } = await s.t.app.core.complaints.submit(address('ev3'), 'test:ev3', { ...draft('Many photos'), evidence: files });
    await eventually(() => s.slack.ok('chat.postMessage').some((c) => String(c.args.text).includes(complaint.id)), 'the case posted whole');
    const post = s.slack.ok('chat.postMessage').find((c) => String(c.args.text).includes(complaint.id))!;
    const shown = linksIn(post.args.blocks).length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(50);
    expect(JSON.stringify(post.args.blocks)).toMatch(new RegExp(`and ${50 - shown} more`));
    expect(JSON.stringify(post.args.blocks)).toContain('The links open without a login until'); // the note survives the cut
    expect(refused(s.slack)).toEqual([]);
  });
});
