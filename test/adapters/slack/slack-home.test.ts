// App Home: app_home_opened (a real signed Events API request) publishes the agent's own open cases and the
// queue's counts by tier through views.publish, which the fake refuses the way Slack does.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/test-app.js';
import { fileAndAnnounce, refused, slackAppPerTest } from './slack-app.js';
import { textsOf } from './slack-render.js';
import { eventCallback } from './slack-requests.js';
import { seedCase, seedOpenCases } from '../console/queue-seed.js';

const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, slackUserId: 'UOMAR' },
];

const s = slackAppPerTest({ agents: AGENTS });

const opened = (user: string, tab = 'home') => eventCallback(s.baseUrl, { type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: `${Date.now() / 1000}` });
/** The newest home view Slack accepted for `user`, as the text they read. */
async function homeOf(user: string, after = 0): Promise<string> {
  await eventually(() => s.slack.ok('views.publish').filter((c) => c.args.user_id === user).length > after, `a home view for ${user}`);
  const view = s.slack.ok('views.publish').filter((c) => c.args.user_id === user).at(-1)!.args.view as { type: string; blocks: unknown };
  expect(view.type).toBe('home');
  return textsOf(view.blocks).map((p) => p.text).join('\n');
}

describe('App Home', () => {
  it("shows the agent's own open cases and the queue's counts by tier", async () => {
    const a = await fileAndAnnounce(s.t, s.slack, 'home1', 'The lamp arrived smashed');
    const b = await fileAndAnnounce(s.t, s.slack, 'home2', 'Parcel never came');
    const c = await fileAndAnnounce(s.t, s.slack, 'home3', 'Wrong colour');
    await s.t.app.core.agentOps.claim('a-ling', a.id);
    await s.t.app.core.agentOps.claim('a-omar', b.id);

    expect((await opened('ULING')).status).toBe(200);
    const ling = await homeOf('ULING');
    expect(ling).toContain('Your open cases (1)');
    expect(ling).toContain(a.id);
    expect(ling).not.toContain(b.id);
    expect(ling).not.toContain(c.id);
    const tiers = new Map<string, number>();
    for (const id of [a.id, b.id, c.id]) {
      const tier = (await s.t.app.core.store.get(id))!.triage.tier;
      tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
    }
    const unclaimedTier = (await s.t.app.core.store.get(c.id))!.triage.tier; // only c waits for an agent
    for (const tier of ['high', 'medium', 'low']) {
      const open = tiers.get(tier) ?? 0;
      const waiting = tier === unclaimedTier ? 1 : 0;
      expect(ling).toContain(`*${tier}*: ${waiting} waiting for an agent · ${open} open`);
    }

    // Opened again after a change: published afresh.
    await s.t.app.core.agentOps.claim('a-ling', c.id);
    await opened('ULING');
    expect(await homeOf('ULING', 1)).toContain('Your open cases (2)');
    expect(refused(s.slack)).toEqual([]);
  });

  it('counts exactly from the queue index with more than 2,000 open cases, and lists the agent\'s own beyond them', async () => {
    const OPEN = 2_400;
    // Every 50th case is Ling's (claimed), every 70th Omar's; the rest wait. Tiers follow priority i % 100.
    const owner = (i: number) => (i % 50 === 0 ? 'a-ling' : i % 70 === 0 ? 'a-omar' : null);
    const make = (i: number) => seedCase(i, owner(i) ? { assigneeId: owner(i), status: 'claimed' } : {});
    await seedOpenCases(s.t.app.core.store, s.t.app.core.queueIndex, s.t.app.core.changeLog, OPEN, { make });
    const expected = { high: { open: 0, waiting: 0 }, medium: { open: 0, waiting: 0 }, low: { open: 0, waiting: 0 } };
    let lings = 0;
    for (let i = 0; i < OPEN; i++) {
      const tier = make(i).triage.tier as keyof typeof expected;
      expected[tier].open += 1;
      if (!owner(i)) expected[tier].waiting += 1;
      if (owner(i) === 'a-ling') lings += 1;
    }
    await opened('ULING');
    const home = await homeOf('ULING');
    expect(home).toContain(`Your open cases (${lings})`);
    for (const [tier, n] of Object.entries(expected)) expect(home).toContain(`*${tier}*: ${n.waiting} waiting for an agent · ${n.open} open`);
    // 40 listed, highest priority first, and the rest counted.
    expect(home).toContain(`…and ${lings - 40} more`);
    expect(home).not.toContain('Counted over');
    expect(refused(s.slack)).toEqual([]);
  }, 120_000);

  it('an unmapped Slack user is told why there is nothing; the Messages tab publishes nothing', async () => {
    await fileAndAnnounce(s.t, s.slack, 'home4', 'Late delivery');
    await opened('USTRANGER');
    const home = await homeOf('USTRANGER');
    expect(home).toContain('not a registered Redress agent');
    expect(home).not.toContain('RD-');
    await opened('ULING', 'messages');
    await new Promise((r) => setTimeout(r, 300));
    expect(s.slack.of('views.publish').filter((c) => c.args.user_id === 'ULING')).toEqual([]);
  });

  it('a refused views.publish is reported to supervisors with its code, not lost', async () => {
    s.slack.failNext('views.publish', 'invalid_arguments');
    await opened('ULING');
    await eventually(async () => (await s.t.app.core.alertLog.recent()).some((x) => x.text.includes('App Home') && x.text.includes('invalid_arguments')), 'the problem raised to supervisors');
  });
});
