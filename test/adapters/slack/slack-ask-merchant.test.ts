// "Ask the merchant…" from Slack: the button on the case post opens a modal bounded by MERCHANT_MAX_DEADLINE_HOURS,
// and its submission is AgentOperations.askMerchant, as the console's. Real signed requests to the real Bolt
// receiver, the real core on a real redis-server, and the fake Web API (which refuses invalid modals and blocks).
import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/test-app.js';
import { QUEUE, fileAndAnnounce, refused, slackAppPerTest, threadLines } from './slack-app.js';
import { buttonClick, interaction, viewSubmission } from './slack-requests.js';

const AGENTS = [
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, slackUserId: 'ULING' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, slackUserId: 'UOMAR' },
];
const MAX_HOURS = 72;
const VIEW = 'redress_ask_merchant_view';

const s = slackAppPerTest({ agents: AGENTS, env: { MERCHANT_MAX_DEADLINE_HOURS: String(MAX_HOURS) } });

type Errors = { response_action?: string; errors?: Record<string, string> };
const click = (user: string, action: string, id: string, ts: string) => interaction(s.baseUrl, buttonClick(user, action, id, QUEUE, ts));
const submit = async (user: string, id: string, question: string, hours: string) => JSON.parse((await interaction(s.baseUrl, viewSubmission(user, VIEW, id, {
  question: { value: { type: 'plain_text_input', value: question } },
  hours: { value: { type: 'number_input', value: hours } },
}))).text || '{}') as Errors;
const asked = async (id: string) => (await s.t.app.core.store.timeline(id)).filter((e) => e.type === 'merchant_asked');
const buttonsOn = (ts: string) => {
  const last = s.slack.ok('chat.update').filter((c) => c.args.ts === ts).at(-1);
  const actions = (last?.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string }> }> | undefined)?.find((b) => b.type === 'actions');
  return actions?.elements?.map((e) => e.action_id) ?? [];
};

async function claimed(consumer: string) {
  const c = await fileAndAnnounce(s.t, s.slack, consumer, 'The lamp arrived smashed');
  await click('ULING', 'redress_claim', c.id, c.ts);
  await eventually(async () => (await s.t.app.core.store.get(c.id))?.status === 'claimed', 'claimed');
  await eventually(() => buttonsOn(c.ts).includes('redress_ask_merchant'), 'an Ask the merchant button on the claimed case');
  return c;
}

describe('Ask the merchant from Slack', () => {
  it('the owner asks through the modal; the ask lands on the timeline and in the thread, inert', async () => {
    const { id, ts } = await claimed('m1');
    await click('ULING', 'redress_ask_merchant', id, ts);
    await eventually(() => s.slack.ok('views.open').length, 'the modal, accepted by Slack');
    const view = s.slack.ok('views.open')[0]!.args.view as { callback_id: string; private_metadata: string; blocks: Array<{ block_id?: string; element?: Record<string, unknown> }> };
    expect(view).toMatchObject({ callback_id: VIEW, private_metadata: id });
    expect(view.blocks.find((b) => b.block_id === 'hours')?.element).toMatchObject({ type: 'number_input', max_value: String(MAX_HOURS) });
    expect(view.blocks.find((b) => b.block_id === 'question')?.element?.max_length).toBe(2000);

    // Validation is AgentOperations' and answers in the modal, beside the field it is about; nothing is asked.
    expect(await submit('ULING', id, '   ', '24')).toMatchObject({ response_action: 'errors', errors: { question: expect.stringMatching(/empty/) } });
    const tooLong = await submit('ULING', id, 'Packing photos, please', String(MAX_HOURS + 1));
    expect(tooLong).toMatchObject({ response_action: 'errors', errors: { hours: expect.stringContaining(`at most ${MAX_HOURS}`) } });
    expect(await asked(id)).toEqual([]);

    const before = Date.now();
    const question = 'Send the packing photos <!channel> *now*';
    expect(await submit('ULING', id, question, '24')).toEqual({});
    const [entry] = await asked(id);
    expect(entry).toMatchObject({ actor: { kind: 'agent', id: 'a-ling' }, data: { requestId: `${id}.m1`, question } });
    const due = Number(entry!.data?.dueAt);
    expect(due).toBeGreaterThanOrEqual(before + 24 * 3_600_000);
    expect(due).toBeLessThan(Date.now() + 24 * 3_600_000 + 1000);

    await eventually(() => threadLines(s.slack, ts).some((c) => JSON.stringify(c.args.blocks).includes('asked the merchant')), 'the ask in the thread');
    const line = threadLines(s.slack, ts).find((c) => JSON.stringify(c.args.blocks).includes('asked the merchant'))!;
    const blocks = line.args.blocks as Array<{ type: string; text?: { type: string; text: string } }>;
    // The question is a plain_text body (Slack never parses it), its `<` kept from opening a mention anywhere.
    const body = blocks.find((b) => b.type === 'section');
    expect(body?.text?.type).toBe('plain_text');
    expect(body?.text?.text).toContain('Send the packing photos');
    expect(JSON.stringify(line.args)).not.toContain('<!channel>');
    expect(refused(s.slack)).toEqual([]);
  });

  it('refuses a Slack user who is not an agent, and an agent who does not own the case', async () => {
    const { id, ts } = await claimed('m2');
    await click('USTRANGER', 'redress_ask_merchant', id, ts);
    await eventually(() => s.slack.ok('chat.postEphemeral').some((c) => c.args.user === 'USTRANGER'), 'the stranger told');
    expect(String(s.slack.ok('chat.postEphemeral').find((c) => c.args.user === 'USTRANGER')!.args.text)).toMatch(/not a registered Redress agent/);
    expect(s.slack.ok('views.open')).toEqual([]);

    // Hand-made submissions, past the button: refused in the modal, and nothing reaches the case.
    expect((await submit('USTRANGER', id, 'Photos, please', '24')).errors?.question).toMatch(/not a registered Redress agent/);
    expect((await submit('UOMAR', id, 'Photos, please', '24')).errors?.question).toBe(`You can't act on ${id}: it belongs to Ling; ask them or a supervisor.`);
    expect(await asked(id)).toEqual([]);
    expect((await s.t.app.core.store.get(id))?.merchantRequests ?? []).toEqual([]);
  });
});
