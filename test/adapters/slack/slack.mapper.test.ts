import { describe, expect, it } from 'vitest';
import { ACTIONS, caseButtons, escapeMrkdwn, fromSlackText, proposeView, readProposal, toAlertMessage, toCaseMessage, toThreadMessage } from '../../../adapters/slack/slack.mapper.js';
import type { Complaint, TimelineEvent } from '../../../src/complaints/complaint.types.js';
import { blocksProblems, messageProblem } from './fake-slack-rules.js';
import { HOSTILE, liveMarkup, plainBody, visible, type TextPart } from './slack-render.js';

const NOW = Date.UTC(2026, 10, 24, 12, 0);

function complaint(over: Partial<Complaint> = {}): Complaint {
  return {
    id: 'RD-20261124-0042', version: 3, status: 'queued', consumerId: 'test:u1', address: { channel: 'test', conversationId: 'c1', userId: 'u1' },
    category: 'damaged_in_transit', orderId: 'A12345678', description: 'Broken & <!channel> <https://evil.example|click here>', evidence: [],
    desiredResolution: 'refund', locale: 'en', texts: [], assigneeId: null, proposal: null, rating: null, slaMet: {}, createdAt: NOW, updatedAt: NOW,
    triage: {
      category: 'damaged_in_transit', tier: 'high', priority: 85, reasons: ['anger 7 → priority +20', 'keyword "<@U123>"'],
      deadlines: [{ kind: 'first_response', dueAt: NOW + 30 * 60_000 }, { kind: 'report', dueAt: NOW + 12 * 3600_000 }],
      emotion: { anger: { flagged: true, intensity: 7 }, anxiety: { flagged: true, intensity: 5 }, cues: [] },
    },
    ...over,
  } as Complaint;
}

const names = new Map([['a-ling', 'Ling']]);

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so no mention, broadcast or link can be written', () => {
    expect(escapeMrkdwn('<!channel>')).toBe('&lt;!channel&gt;');
    expect(escapeMrkdwn('<https://evil|x>')).toBe('&lt;https://evil|x&gt;');
    expect(escapeMrkdwn('a & b &amp;')).toBe('a &amp; b &amp;amp;');
  });
});

describe('toCaseMessage', () => {
  it('shows number, category, tier, priority, emotion flags, reasons, SLA dates, assignee, status and buttons', () => {
    const m = toCaseMessage(complaint(), names);
    const [header, summary, description, reasons, sla, actions] = m.blocks!;
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: 'RD-20261124-0042 · damaged in transit' } });
    const summaryText = (summary as { text: { text: string } }).text.text;
    expect(summaryText).toContain('*high tier* · priority *85* · waiting in the queue');
    expect(summaryText).toContain('😠 angry 7 · 😟 anxious 5');
    expect(summaryText).toContain('_nobody yet_');
    expect(description).toMatchObject({ type: 'section', text: { type: 'plain_text' } });
    expect(visible((description as { text: TextPart }).text)).toBe('Broken & <!channel> <https://evil.example|click here>');
    expect(JSON.stringify(reasons)).toContain('&lt;@U123&gt;');
    expect(JSON.stringify(sla)).toContain(`<!date^${(NOW + 30 * 60_000) / 1000}^{date_short_pretty} {time}|2026-11-24 12:30 UTC>`);
    expect(actions).toMatchObject({ type: 'actions', elements: [{ action_id: ACTIONS.claim, value: 'RD-20261124-0042' }, { action_id: ACTIONS.escalate }] });
    expect(m.text).toContain('RD-20261124-0042');
  });

  it('nothing unescaped from the consumer reaches any block', () => {
    const json = JSON.stringify(toCaseMessage(complaint(), names));
    expect(json).not.toMatch(/<!channel>|<https:\/\/evil|<@U123>/);
    const hostile = toCaseMessage(complaint({ description: HOSTILE, orderId: '*A1*', triage: { ...complaint().triage, reasons: ['keyword "_burn*"'] } }), names);
    expect(liveMarkup(hostile.blocks, hostile.text)).toEqual([]);
  });

  it("names the consumer when their channel gave a name, escaped so it can neither mention nor format", () => {
    const named = toCaseMessage(complaint({ consumerName: 'Zoë <!channel> *Quist*' }), names);
    const summary = (named.blocks![1] as { text: TextPart }).text;
    expect(visible(summary)).toContain('*Consumer:* Zoë <!channel> *Quist*');
    expect(liveMarkup(named.blocks, named.text)).toEqual([]);
    expect(JSON.stringify(toCaseMessage(complaint(), names).blocks)).not.toContain('Consumer:');
  });

  it('offers the owner the next steps, and only Reopen once resolved', () => {
    const claimed = complaint({ status: 'claimed', assigneeId: 'a-ling' });
    expect(caseButtons(claimed).map((b) => b.action_id)).toEqual([ACTIONS.investigate, ACTIONS.propose, ACTIONS.resolve, ACTIONS.escalate, ACTIONS.release, ACTIONS.transfer, ACTIONS.replyTemplate, ACTIONS.askMerchant]);
    expect(JSON.stringify(toCaseMessage(claimed, names).blocks)).toContain('*Assignee:* Ling');
    expect(caseButtons(complaint({ status: 'resolved', assigneeId: 'a-ling' })).map((b) => b.action_id)).toEqual([ACTIONS.reopen]);
    expect(caseButtons(complaint({ status: 'cancelled' }))).toEqual([]);
    expect(toCaseMessage(complaint({ status: 'cancelled' }), names).blocks!.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('toThreadMessage', () => {
  const ev = (over: Partial<TimelineEvent>): TimelineEvent => ({ at: NOW, type: 'consumer_message', actor: { kind: 'consumer', id: 'test:u1' }, ...over });
  it('shows consumer messages escaped and status changes as context lines', () => {
    expect(toThreadMessage(ev({ data: { text: 'hi <!here>' } }), names)?.text).toBe('💬 *Consumer:* hi &lt;!here&gt;');
    const status = toThreadMessage(ev({ type: 'status_changed', actor: { kind: 'agent', id: 'a-ling' }, data: { from: 'claimed', to: 'investigating' } }), names);
    expect(status?.blocks?.[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '➡️ Ling: investigating' }] });
    expect(toThreadMessage(ev({ type: 'claimed', actor: { kind: 'agent', id: 'a-ling' } }), names)?.text).toBe('🙋 Claimed by Ling');
    expect(toThreadMessage(ev({ type: 'status_changed', data: { to: 'claimed' } }), names)).toBeNull();
    expect(toThreadMessage(ev({ type: 'triaged' }), names)).toBeNull();
  });

  it("shows a merchant ask with its deadline and the question as plain text, never the merchant's link", () => {
    const due = Date.parse('2026-12-03T14:00:00Z');
    const m = toThreadMessage(ev({ type: 'merchant_asked', actor: { kind: 'agent', id: 'a-ling' }, data: { requestId: 'RD-1.m1', question: 'Photos *please* <!here>', dueAt: due } }), names);
    expect(m?.blocks?.[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: `📨 Ling asked the merchant (answer due <!date^${due / 1000}^{date_short_pretty} {time}|2026-12-03 14:00 UTC>):` }] });
    expect(m?.blocks?.[1]).toMatchObject({ type: 'section', text: { type: 'plain_text', text: 'Photos *please* <\u200B!here>' } });
  });
});

describe('fromSlackText', () => {
  it("turns an agent's Slack markup into plain text for the consumer", () => {
    expect(fromSlackText('See <https://shop.example/returns|our returns page> &amp; <@U123> &lt;3')).toBe('See our returns page (https://shop.example/returns) & <3');
  });
});

describe('modals', () => {
  it('propose modal carries the complaint id and reads back its values', () => {
    const v = proposeView('RD-1');
    expect(v).toMatchObject({ type: 'modal', callback_id: 'redress_propose_view', private_metadata: 'RD-1' });
    expect(readProposal({
      resolution: { value: { selected_option: { value: 'replacement' } } }, amount: { value: { value: '12.5' } }, text: { value: { value: 'New lamp' } },
    })).toEqual({ resolution: 'replacement', amount: '12.5', text: 'New lamp' });
    expect(readProposal({ resolution: { value: {} }, amount: { value: { value: null } }, text: { value: { value: 'x' } } }).amount).toBeUndefined();
  });
});

describe('toAlertMessage', () => {
  it('escapes the alert text', () => {
    expect(toAlertMessage({ kind: 'escalated', text: 'RD-1 escalated: <!channel>', at: NOW }).text).toBe('🚨 RD-1 escalated: &lt;!channel&gt;');
  });
});

describe('every thread line and alert, with long hostile text', () => {
  const long = `${HOSTILE}\n${'many lines & more\n'.repeat(230)}`.slice(0, 4000);
  const agent = { kind: 'agent' as const, id: 'a-ling' };
  const events: TimelineEvent[] = [
    { at: NOW, type: 'consumer_message', actor: { kind: 'consumer', id: 'test:u1' }, data: { text: long } },
    { at: NOW, type: 'attached', actor: { kind: 'consumer', id: 'test:u1' }, data: { description: long } },
    { at: NOW, type: 'agent_reply', actor: agent, data: { text: long } },
    { at: NOW, type: 'internal_note', actor: agent, data: { text: long } },
    { at: NOW, type: 'status_changed', actor: agent, data: { to: 'investigating', note: long } },
    { at: NOW, type: 'proposal', actor: agent, data: { resolution: 'refund', amount: 20, text: long } },
    { at: NOW, type: 'proposal_rejected', actor: { kind: 'consumer', id: 'test:u1' }, data: { reason: long } },
    { at: NOW, type: 'rated', actor: { kind: 'consumer', id: 'test:u1' }, data: { score: 2, comment: long } },
    { at: NOW, type: 'escalated', actor: agent, data: { reason: long } },
    { at: NOW, type: 'delivery_failed', actor: { kind: 'system', id: 'delivery' }, data: { error: long } },
  ];
  it.each(events.map((e) => [e.type, e] as const))('%s: accepted by Slack, whole, inert', (_type, e) => {
    const m = toThreadMessage(e, new Map([['a-ling', 'Ling *bold* _x_']]), 'RD-1')!;
    expect(blocksProblems(m.blocks, 'message')).toEqual([]);
    expect(messageProblem({ channel: 'C1', ...m })).toBeNull();
    expect(plainBody(m.blocks)).toBe(long.trim());
    expect(liveMarkup(m.blocks, m.text)).toEqual([]);
  });
  it('an alert with a long reason', () => {
    const m = toAlertMessage({ kind: 'escalated', complaintId: 'RD-1', text: `RD-1 escalated by Ling: ${long}`, at: NOW });
    expect(messageProblem({ channel: 'C1', ...m })).toBeNull();
    expect(plainBody(m.blocks)).toBe(`🚨 RD-1 escalated by Ling: ${long}`.trim());
    expect(liveMarkup(m.blocks, m.text)).toEqual([]);
  });
});
