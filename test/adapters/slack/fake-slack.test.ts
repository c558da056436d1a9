// The fake Web API must refuse what Slack refuses, or every other Slack test proves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { commandResponseProblems } from './fake-slack-rules.js';

let slack: FakeSlack;
let client: webApi.WebClient;
beforeAll(async () => {
  slack = await startFakeSlack();
  client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
});
afterAll(async () => { await slack.close(); });

const code = (p: Promise<unknown>) => p.then(() => 'ok', (err: { data?: { error?: string } }) => err.data?.error ?? String(err));
const section = (text: string, type = 'mrkdwn') => ({ type: 'section', text: { type, text } });
const post = (o: Record<string, unknown>) => code(client.chat.postMessage({ channel: 'CQ1', text: 'x', ...o } as never));

describe('fake Slack Web API', () => {
  it('refuses Block Kit over its limits with invalid_blocks', async () => {
    expect(await post({ blocks: [section('a'.repeat(3000))] })).toBe('ok');
    expect(await post({ blocks: [section('a'.repeat(3001))] })).toBe('invalid_blocks');
    expect(await post({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] })).toBe('invalid_blocks');
    expect(await post({ blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] })).toBe('invalid_blocks');
    expect(await post({ blocks: Array.from({ length: 51 }, () => section('a')) })).toBe('invalid_blocks');
    expect(await post({ blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'c'.repeat(3001) }] }] })).toBe('invalid_blocks');
    const button = (o: object) => ({ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, ...o }] });
    expect(await post({ blocks: [button({ text: { type: 'plain_text', text: 'b'.repeat(76) } })] })).toBe('invalid_blocks');
    expect(await post({ blocks: [button({ value: 'v'.repeat(2001) })] })).toBe('invalid_blocks');
    expect(await post({ blocks: [button({ action_id: 'i'.repeat(256) })] })).toBe('invalid_blocks');
    expect(await post({ blocks: [{ ...section('a'), block_id: 'b'.repeat(256) }] })).toBe('invalid_blocks');
    expect(await post({ blocks: [section('')] })).toBe('invalid_blocks');
  });

  it('refuses missing or oversized arguments', async () => {
    expect(await post({ text: 'x'.repeat(40_001) })).toBe('msg_too_long');
    expect(await post({ text: undefined })).toBe('no_text');
    expect(await code(client.chat.postMessage({ text: 'x' } as never))).toBe('channel_not_found');
    expect(await post({ thread_ts: '1.000000' })).toBe('thread_not_found');
    expect(await code(client.chat.update({ channel: 'CQ1', ts: '9.9', text: 'x' }))).toBe('message_not_found');
  });

  it('refuses modals over their limits', async () => {
    const view = (o: object) => ({ type: 'modal', title: { type: 'plain_text', text: 'Title' }, submit: { type: 'plain_text', text: 'Go' }, blocks: [], ...o });
    const open = (o: object) => code(client.views.open({ trigger_id: 't', view: view(o) as never }));
    expect(await open({})).toBe('ok');
    expect(await open({ title: { type: 'plain_text', text: 't'.repeat(25) } })).toBe('invalid_arguments');
    expect(await open({ submit: { type: 'plain_text', text: 's'.repeat(25) } })).toBe('invalid_arguments');
    expect(await open({ private_metadata: 'p'.repeat(3001) })).toBe('invalid_arguments');
    const input = (max: number) => ({ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'v', max_length: max } });
    expect(await open({ blocks: [input(3000)] })).toBe('ok');
    expect(await open({ blocks: [input(4000)] })).toBe('invalid_arguments');
    expect(await open({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })).toBe('invalid_arguments');
    const text = (max: number, initial: string) => ({ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'v', max_length: max, initial_value: initial } });
    expect(await open({ blocks: [text(10, 'x'.repeat(10))] })).toBe('ok');
    expect(await open({ blocks: [text(10, 'x'.repeat(11))] })).toBe('invalid_arguments');
  });

  it('refuses selects over their limits: 100 options, 75-character texts, groups, an initial option that is not there', async () => {
    const opt = (v: string, t = v) => ({ text: { type: 'plain_text', text: t }, value: v });
    const select = (o: object) => code(client.views.open({ trigger_id: 't', view: { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', ...o }] }] } as never }));
    expect(await select({ options: [opt('a')] })).toBe('ok');
    expect(await select({ options: Array.from({ length: 100 }, (_, i) => opt(`o${i}`)) })).toBe('ok');
    expect(await select({ options: Array.from({ length: 101 }, (_, i) => opt(`o${i}`)) })).toBe('invalid_arguments');
    expect(await select({ options: [opt('a', 'x'.repeat(75))] })).toBe('ok');
    expect(await select({ options: [opt('a', 'x'.repeat(76))] })).toBe('invalid_arguments');
    expect(await select({ options: [opt('v'.repeat(151))] })).toBe('invalid_arguments');
    const group = (label: string, options: object[]) => ({ label: { type: 'plain_text', text: label }, options });
    expect(await select({ option_groups: [group('G', [opt('a')]), group('H', [opt('b')])], initial_option: opt('b') })).toBe('ok');
    expect(await select({ option_groups: [group('G'.repeat(76), [opt('a')])] })).toBe('invalid_arguments');
    expect(await select({ option_groups: [group('G', [])] })).toBe('invalid_arguments');
    expect(await select({ option_groups: [group('G', [opt('a')])], options: [opt('a')] })).toBe('invalid_arguments');
    expect(await select({ options: [opt('a')], initial_option: opt('z') })).toBe('invalid_arguments');
    expect(await select({ options: [opt('a')], placeholder: { type: 'plain_text', text: 'p'.repeat(151) } })).toBe('invalid_arguments');
  });

  it('updates only an open modal, with its current hash, and checks the new view like views.open', async () => {
    const v = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] };
    const opened = await client.views.open({ trigger_id: 't', view: v as never });
    const id = opened.view!.id!;
    const update = (o: object) => code(client.views.update({ view: v as never, ...o } as never));
    expect(await update({})).toBe('invalid_arguments');
    expect(await update({ view_id: 'VNOPE' })).toBe('not_found');
    expect(await update({ view_id: id, hash: 'stale' })).toBe('hash_conflict');
    expect(await update({ view_id: id, hash: opened.view!.hash })).toBe('ok');
    expect(await update({ view_id: id, hash: opened.view!.hash })).toBe('hash_conflict');
    expect(await code(client.views.update({ view_id: id, view: { ...v, title: { type: 'plain_text', text: 't'.repeat(25) } } as never }))).toBe('invalid_arguments');
  });

  it('refuses home views that are not home views or break their limits (views.publish)', async () => {
    const publish = (o: object, user = 'ULING') => code(client.views.publish({ user_id: user, view: { type: 'home', blocks: [section('hi')], ...o } as never }));
    expect(await publish({})).toBe('ok');
    expect(await publish({}, '')).toBe('invalid_arguments');
    expect(await publish({}, 'CQ1')).toBe('invalid_arguments');
    expect(await publish({ type: 'modal' })).toBe('invalid_arguments');
    expect(await publish({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })).toBe('invalid_arguments');
    expect(await publish({ blocks: [section('a'.repeat(3001))] })).toBe('invalid_arguments');
    expect(await publish({ private_metadata: 'p'.repeat(3001) })).toBe('invalid_arguments');
  });

  it('checks slash command responses like messages', () => {
    expect(commandResponseProblems({ response_type: 'ephemeral', text: 'ok' })).toEqual([]);
    expect(commandResponseProblems({ response_type: 'private', text: 'ok' })).toEqual(['response_type: must be ephemeral or in_channel']);
    expect(commandResponseProblems({ response_type: 'ephemeral' })).toEqual(['no_text']);
    expect(commandResponseProblems({ text: 'x', blocks: [section('a'.repeat(3001))] })[0]).toBe('invalid_blocks');
  });

  it('fails on demand: missing channels, channels the bot is not in, revoked tokens', async () => {
    slack.channel('CGONE', 'missing');
    slack.channel('COUT', 'outside');
    expect(await code(client.chat.postMessage({ channel: 'CGONE', text: 'x' }))).toBe('channel_not_found');
    expect(await code(client.chat.postMessage({ channel: 'COUT', text: 'x' }))).toBe('not_in_channel');
    expect((await client.conversations.info({ channel: 'COUT' })).channel?.is_member).toBe(false);
    slack.failNext('chat.postMessage', 'internal_error');
    expect(await post({})).toBe('internal_error');
    expect(await post({})).toBe('ok');
    slack.revokeToken();
    expect(await code(client.auth.test())).toBe('invalid_auth');
  });
});
