// The owner is told when their consumer writes: the thread line mentions the owner's Slack user (so Slack
// notifies them), while the consumer's own text stays inert. Real core, real Bolt, fake Web API, real Redis.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/test-app.js';
import { QUEUE, fileAndAnnounce, refused, slackAppPerTest, threadLines } from './slack-app.js';
import { HOSTILE, liveMarkup } from './slack-render.js';
import { buttonClick, interaction } from './slack-requests.js';

const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, slackUserId: 'UOMAR' },
  { id: 'a-noslack', name: 'Ana', role: 'agent', compensationLimit: 500 },
  { id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 5000, slackUserId: 'UMEI' },
];

const s = slackAppPerTest({ agents: AGENTS });

/** The consumer's line in the thread at `ts` that carries `marker`. */
async function lineWith(ts: string, marker: string) {
  await eventually(() => threadLines(s.slack, ts).some((c) => JSON.stringify(c.args.blocks).includes(marker)), `the line with ${marker}`);
  return threadLines(s.slack, ts).find((c) => JSON.stringify(c.args.blocks).includes(marker))!;
}
const mentions = (c: { args: Record<string, unknown> }) => [...`${JSON.stringify(c.args.blocks)} ${String(c.args.text)}`.matchAll(/<@([A-Z0-9]+)>/g)].map((m) => m[1]);

describe('the owner is mentioned when their consumer writes', () => {
  it('no mention while nobody owns the case; the owner after a claim, the new owner after a transfer; consumer text inert', async () => {
    const { id, ts } = await fileAndAnnounce(s.t, s.slack, 'm1', 'The lamp arrived smashed');
    await s.t.app.core.complaints.consumerMessage('test:m1', id, 'first, before any claim');
    expect(mentions(await lineWith(ts, 'first, before any claim'))).toEqual([]);

    await interaction(s.baseUrl, buttonClick('ULING', 'redress_claim', id, QUEUE, ts));
    await eventually(async () => (await s.t.app.core.store.get(id))?.assigneeId === 'a-ling', 'claimed by Ling');
    await s.t.app.core.complaints.consumerMessage('test:m1', id, `second ${HOSTILE}`);
    const second = await lineWith(ts, 'second ');
    expect(mentions(second)).toEqual(['ULING', 'ULING']); // in the label and in the notification text, nowhere else
    const blocksWithoutOurMention = JSON.parse(JSON.stringify(second.args.blocks).replace(/ \(for <@ULING>\)/g, ''));
    expect(liveMarkup(blocksWithoutOurMention, String(second.args.text).replace(/ \(for <@ULING>\)/g, ''))).toEqual([]);

    await s.t.app.core.agentOps.transfer('s-mei', id, 'a-omar');
    await s.t.app.core.complaints.consumerMessage('test:m1', id, 'third, after the transfer');
    expect(mentions(await lineWith(ts, 'third, after the transfer'))).toEqual(['UOMAR', 'UOMAR']);

    // An owner without a Slack user: the line is posted plainly, no broken mention.
    await s.t.app.core.agentOps.transfer('s-mei', id, 'a-noslack');
    await s.t.app.core.complaints.consumerMessage('test:m1', id, 'fourth, owner not on Slack');
    expect(mentions(await lineWith(ts, 'fourth, owner not on Slack'))).toEqual([]);
    expect(refused(s.slack)).toEqual([]);
  });
});
