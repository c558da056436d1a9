// The slash command through real signed requests to the real Bolt receiver: find a case, claim it, help, and
// clear answers to anything else. Each answer is checked against what Slack accepts as a command response.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/test-app.js';
import { commandResponseProblems } from './fake-slack-rules.js';
import { QUEUE, fileAndAnnounce, slackAppPerTest } from './slack-app.js';
import { textsOf } from './slack-render.js';
import { buttonClick, interaction, slashCommand } from './slack-requests.js';

const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, slackUserId: 'UOMAR' },
];

const s = slackAppPerTest({ agents: AGENTS, env: { PUBLIC_URL: 'https://redress.example.com' }, startApp: false });

interface Answer { response_type?: string; text: string; blocks?: Array<{ type: string; elements?: Array<{ action_id: string; value?: string; url?: string }> }> }

/** Sends the command and returns Slack's view of the answer, failing on anything Slack would refuse. */
async function run(user: string, text: string, command = '/redress'): Promise<Answer & { all: string }> {
  const res = await slashCommand(s.baseUrl, user, text, { command });
  expect(res.status).toBe(200);
  const body = JSON.parse(res.text) as Answer;
  expect(commandResponseProblems(body)).toEqual([]);
  expect(body.response_type).toBe('ephemeral');
  return { ...body, all: [body.text, ...textsOf(body.blocks).map((p) => p.text)].join('\n') };
}
const buttons = (a: Answer) => a.blocks?.find((b) => b.type === 'actions')?.elements ?? [];

describe('the slash command', () => {
  it('finds a case by number with Claim and Open buttons; Claim from the answer claims it', async () => {
    await s.start();
    const { id } = await fileAndAnnounce(s.t, s.slack, 'sc1', 'The lamp arrived smashed');
    const found = await run('ULING', ` ${id.toLowerCase()} `);
    expect(found.all).toContain(id);
    expect(found.all).toContain('waiting in the queue');
    expect(found.all).toContain('nobody yet');
    expect(buttons(found).map((b) => b.action_id)).toEqual(['redress_claim', 'redress_open_console']);
    expect(buttons(found)[0]!.value).toBe(id);
    expect(buttons(found)[1]!.url).toBe(`https://redress.example.com/console/cases/${id}`);

    // The answer is ephemeral: Slack sends the click with no `message`.
    const click: Record<string, unknown> = { ...buttonClick('ULING', 'redress_claim', id, QUEUE, '0'), container: { type: 'message', message_ts: '0', channel_id: QUEUE, is_ephemeral: true } };
    delete click.message;
    expect((await interaction(s.baseUrl, click)).status).toBe(200);
    await eventually(async () => (await s.t.app.core.store.get(id))?.assigneeId === 'a-ling', 'claimed by Ling');
    // The Open button's own click is acknowledged and changes nothing.
    const open = buttonClick('ULING', 'redress_open_console', id, QUEUE, '0');
    expect((await interaction(s.baseUrl, open)).status).toBe(200);

    const again = await run('UOMAR', id);
    expect(again.all).toContain('claimed');
    expect(again.all).toContain('Ling');
    expect(buttons(again).map((b) => b.action_id)).toEqual(['redress_open_console']);
  });

  it('claim RD-… claims; a second claim is told who has it; a stranger is refused', async () => {
    await s.start();
    const { id } = await fileAndAnnounce(s.t, s.slack, 'sc2', 'Parcel never came');
    expect((await run('UOMAR', `claim ${id}`)).text).toBe(`${id} is yours now. Reply to the consumer in the case's thread in the queue channel.`);
    expect((await s.t.app.core.store.get(id))?.assigneeId).toBe('a-omar');
    expect((await run('ULING', `CLAIM ${id}`)).text).toBe(`Not claimed: Omar already claimed ${id}.`);
    expect((await run('USTRANGER', `claim ${id}`)).text).toContain('not a registered Redress agent');
    expect((await run('USTRANGER', id)).text).toContain('not a registered Redress agent');
    expect((await s.t.app.core.store.get(id))?.assigneeId).toBe('a-omar');
  });

  it('help lists what it can do; unknown input, a missing number and an unknown case get clear answers', async () => {
    await s.start();
    const help = await run('ULING', 'help');
    expect(help.all).toContain('/redress RD-');
    expect(help.all).toContain('/redress claim RD-');
    expect((await run('ULING', '')).all).toContain('/redress claim RD-');
    const unknown = await run('ULING', 'dance <!channel> *now*');
    expect(unknown.text).toMatch(/^I don't know "dance &lt;!channel&gt; \*\u200Bnow\*\u200B"\. Type a case number/);
    expect((await run('ULING', 'claim')).text).toContain('Say which case to claim');
    expect((await run('ULING', 'RD-20990101-9999')).text).toBe('There is no case RD-20990101-9999. Check the number (e.g. RD-20261124-0042).');
  });

  it('answers to the configured command (SLACK_COMMAND) and refuses a forged signature', async () => {
    await s.start({ SLACK_COMMAND: '/desk' });
    expect((await run('ULING', 'help', '/desk')).all).toContain('/desk claim RD-');
    expect((await slashCommand(s.baseUrl, 'ULING', 'help', { command: '/desk', secret: 'not-the-secret' })).status).toBe(401);
  });
});
