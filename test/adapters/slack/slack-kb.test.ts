// Canned replies and articles from Slack, through real signed requests to the real Bolt receiver, the real core
// on a real redis-server and the fake Web API (which refuses modals and selects over Slack's limits).
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../../src/agents/knowledge-base.js';
import { eventually } from '../../helpers/test-app.js';
import type { SlackCall } from './fake-slack.js';
import { QUEUE, address, draft, refused, slackAppPerTest } from './slack-app.js';
import { buttonClick, interaction, slashCommand, viewSubmission } from './slack-requests.js';

const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, slackUserId: 'UOMAR' },
  { id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 5000, slackUserId: 'UMEI' },
];

const s = slackAppPerTest({ agents: AGENTS });

interface Block { type: string; block_id?: string; elements?: Array<Record<string, unknown>>; element?: { initial_value?: string; max_length?: number }; text?: { text: string } }
interface View { id: string; hash: string; callback_id: string; private_metadata: string; title: { text: string }; blocks: Block[] }

const ORDER = 'ORD-5518-0042';

async function claimedCase(consumer: string, locale: 'en' | 'zh' = 'en') {
  const { complaint } = await s.t.app.core.complaints.submit(address(consumer), `test:${consumer}`, { ...draft('The lamp arrived smashed, the box was crushed'), orderId: ORDER, locale });
  let post: SlackCall | undefined;
  await eventually(() => (post = s.slack.ok('chat.postMessage').find((c) => c.args.channel === QUEUE && !c.args.thread_ts && String(c.args.text).includes(complaint.id))), 'the case post');
  await s.t.app.core.agentOps.claim('a-ling', complaint.id);
  return { id: complaint.id, ts: String(post!.result.ts) };
}

const modals = (method: 'views.open' | 'views.update') => s.slack.ok(method).map((c) => c.result.view as View).filter((v) => v.callback_id === 'redress_reply_template_view');
const select = (v: View) => v.blocks.find((b) => b.block_id === 'template')!.elements![0] as { option_groups: Array<{ label: { text: string }; options: Array<{ text: { text: string }; value: string }> }>; initial_option?: { value: string } };
const input = (v: View) => v.blocks.find((b) => b.type === 'input')!;
const submit = async (user: string, id: string, values: object) => JSON.parse((await interaction(s.baseUrl, viewSubmission(user, 'redress_reply_template_view', id, values))).text || '{}') as { response_action?: string; errors?: Record<string, string> };
const typed = (v: View, text: string) => ({ [input(v).block_id!]: { value: { type: 'plain_text_input', value: text } } });
const consumerGot = (consumer: string, text: string) => s.t.channel.outbox.some((m) => m.address.conversationId === `c-${consumer}` && (m.message.text ?? '').includes(text));

/** The agent picks another reply in the open modal: a block_actions from the view's select. */
function pick(user: string, v: View, value: string) {
  return interaction(s.baseUrl, {
    type: 'block_actions', team: { id: 'T0TEST', domain: 'redress-test' }, user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0REDRESS', token: 'legacy', trigger_id: `${Date.now()}.1234.abcdef`, container: { type: 'view', view_id: v.id },
    view: { ...v, team_id: 'T0TEST', type: 'modal', app_id: 'A0REDRESS', bot_id: 'BBOT', state: { values: {} } },
    actions: [{ type: 'static_select', action_id: 'kb_reply_pick', block_id: 'template', selected_option: { text: { type: 'plain_text', text: value }, value }, action_ts: String(Date.now() / 1000) }],
  });
}

describe('Canned replies from Slack', () => {
  it('the owner opens the modal from the case post, picks a reply, edits it, and the consumer gets it with its variables filled', async () => {
    const { id, ts } = await claimedCase('k1');
    await eventually(() => s.slack.ok('chat.update').some((c) => c.args.ts === ts && JSON.stringify(c.args.blocks).includes('redress_reply_template')), 'the button on the claimed case');
    await interaction(s.baseUrl, buttonClick('ULING', 'redress_reply_template', id, QUEUE, ts));
    await eventually(() => modals('views.open').length, 'the modal opened');
    const first = modals('views.open')[0]!;
    expect(first.private_metadata).toBe(id);
    expect(first.title.text.length).toBeLessThanOrEqual(24);
    // The case's category first, then the general ones; the first is chosen and filled in for the case.
    const groups = select(first).option_groups;
    expect(groups.map((g) => g.label.text)).toEqual(['For damaged in transit', 'General']);
    expect(groups[0]!.options.map((o) => o.value)).toEqual(['courier-checked', 'photos-please', 'refund-offer']);
    expect(select(first).initial_option?.value).toBe('courier-checked');
    expect(input(first).element?.initial_value).toContain(`order ${ORDER}`);
    expect(input(first).element?.max_length).toBe(3000);

    await pick('ULING', first, 'photos-please');
    await eventually(() => modals('views.update').length, 'the modal shows the picked reply');
    const picked = modals('views.update')[0]!;
    expect(picked.id).toBe(first.id);
    expect(select(picked).initial_option?.value).toBe('photos-please');
    const filled = input(picked).element!.initial_value!;
    expect(filled).toBe(`Thank you, there. Could you send a photo of the item and one of the box? With them I can settle case ${id} faster.`);

    const edited = filled.replace('Thank you, there.', 'Thank you for writing.');
    expect(await submit('ULING', id, typed(picked, edited))).toEqual({});
    await eventually(() => consumerGot('k1', edited), 'the edited reply delivered to the consumer');
    expect(refused(s.slack)).toEqual([]);
  });

  it("another agent's reply is refused in plain words and never reaches the consumer", async () => {
    const { id, ts } = await claimedCase('k2');
    await interaction(s.baseUrl, buttonClick('UOMAR', 'redress_reply_template', id, QUEUE, ts));
    await eventually(() => modals('views.open').length, 'the modal opened');
    const v = modals('views.open')[0]!;
    const answer = await submit('UOMAR', id, typed(v, 'Hello from Omar'));
    expect(answer.response_action).toBe('errors');
    const why = answer.errors![input(v).block_id!]!;
    expect(why).toBe(`Not sent to the consumer: You can't act on ${id}: it belongs to Ling; ask them or a supervisor.`);
    expect(why).not.toMatch(/agent\.|not_authorised|complaint\./);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.t.channel.outbox.some((m) => (m.message.text ?? '').includes('Hello from Omar'))).toBe(false);
    // A supervisor may reply on any case.
    expect(await submit('UMEI', id, typed(v, 'Hello from Mei'))).toEqual({});
    await eventually(() => consumerGot('k2', 'Hello from Mei'), 'the supervisor reply delivered');
  });

  it('/redress reply RD-… opens the same modal, in the case\'s language', async () => {
    const { id } = await claimedCase('k3', 'zh');
    const res = await slashCommand(s.baseUrl, 'ULING', `reply ${id.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await eventually(() => modals('views.open').length, 'the modal opened');
    const v = modals('views.open')[0]!;
    expect(v.private_metadata).toBe(id);
    expect(select(v).option_groups[0]!.options.map((o) => o.text.text)).toContain('请提供照片');
    expect(input(v).element?.initial_value).toContain(`订单 ${ORDER}`);
    expect(await submit('ULING', id, typed(v, input(v).element!.initial_value!))).toEqual({});
    await eventually(() => consumerGot('k3', input(v).element!.initial_value!), 'the Chinese reply delivered');
    // An unknown case and a missing number are answered in words, with no modal.
    const none = JSON.parse((await slashCommand(s.baseUrl, 'ULING', 'reply RD-20200101-9999')).text) as { text: string };
    expect(none.text).toContain('There is no case RD-20200101-9999');
    const which = JSON.parse((await slashCommand(s.baseUrl, 'ULING', 'reply')).text) as { text: string };
    expect(which.text).toBe('Say which case: /redress reply RD-20261124-0042.');
    const stranger = JSON.parse((await slashCommand(s.baseUrl, 'UNOBODY', `reply ${id}`)).text) as { text: string };
    expect(stranger.text).toMatch(/not a registered Redress agent/);
    expect(modals('views.open')).toHaveLength(1);
  });

  it('a knowledge base past Slack\'s limits still opens: 100 options at most, titles cut to 75 characters, a long text within the input', async () => {
    const kb = new KnowledgeBase(s.t.app.core.redis, s.t.app.core.keys);
    const mei = (await s.t.app.core.agents.get('s-mei'))!;
    const long = `{caseNumber} ${'x'.repeat(1980)}`;
    for (let i = 0; i < 105; i++) {
      await kb.save(mei, 'replies', { id: `r-${String(i).padStart(3, '0')}`, categories: ['damaged_in_transit'], title: { en: `A very long title number ${i} `.padEnd(120, '*'), zh: '长' }, text: { en: long, zh: long } });
    }
    const { id } = await claimedCase('k5');
    await slashCommand(s.baseUrl, 'ULING', `reply ${id}`);
    await eventually(() => modals('views.open').length, 'the modal opened');
    const v = modals('views.open')[0]!;
    const options = select(v).option_groups.flatMap((g) => g.options);
    expect(options).toHaveLength(100);
    expect(Math.max(...options.map((o) => o.text.text.length))).toBeLessThanOrEqual(75);
    await pick('ULING', v, 'r-000');
    await eventually(() => modals('views.update').length, 'the long reply picked');
    const filled = input(modals('views.update')[0]!).element!.initial_value!;
    expect(filled.startsWith(`${id} xxx`)).toBe(true);
    expect(filled.length).toBeLessThanOrEqual(3000);
    expect(refused(s.slack)).toEqual([]);
  });

  it('/redress kb RD-… shows the matching articles, escaped, only to the agent', async () => {
    const kb = new KnowledgeBase(s.t.app.core.redis, s.t.app.core.keys);
    const mei = (await s.t.app.core.agents.get('s-mei'))!;
    await kb.save(mei, 'articles', { id: 'loud', categories: ['damaged_in_transit'], title: { en: 'Tell <!here> now', zh: '喊' }, body: { en: `Ping <@U123> & ${'y'.repeat(3900)}`, zh: '喊' } });
    const { id } = await claimedCase('k4');
    const res = JSON.parse((await slashCommand(s.baseUrl, 'ULING', `kb ${id}`)).text) as { response_type: string; text: string; blocks: Block[] };
    expect(res.response_type).toBe('ephemeral');
    const shown = res.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text).join('\n');
    expect(shown).toContain('*Damaged or defective goods*');
    expect(shown).toContain('Check: photos of the item');
    expect(shown).not.toContain('Late or lost parcel');
    expect(shown).toContain('*Tell &lt;!here&gt; now*\nPing &lt;@U123&gt; &amp; yyy');
    expect(shown).not.toContain('<!here>');
    expect(Math.max(...res.blocks.map((b) => b.text?.text.length ?? 0))).toBeLessThan(400);
    expect(res.blocks.length).toBeLessThanOrEqual(50);
    const help = JSON.parse((await slashCommand(s.baseUrl, 'ULING', 'help')).text) as { blocks: Block[] };
    expect(JSON.stringify(help.blocks)).toContain('/redress reply RD-20261124-0042');
    expect(JSON.stringify(help.blocks)).toContain('/redress kb RD-20261124-0042');
  });
});
