// Pure mapping and rendering: no Redis, no HTTP.
import { describe, expect, it } from 'vitest';
import { casePage } from '../../../adapters/console/console-case-page.html.js';
import { agentNames, pendingDeadlines, toCaseDetail, toConversation } from '../../../adapters/console/console.mapper.js';
import { escapeHtml, queuePage } from '../../../adapters/console/console-page.html.js';
import type { Agent, Complaint, TimelineEvent } from '../../../src/complaints/complaint.types.js';

const t0 = Date.parse('2026-11-24T09:00:00Z');
const complaint = (over: Partial<Complaint> = {}): Complaint => ({
  id: 'RD-20261124-0001', version: 3, status: 'claimed', consumerId: 'c-1', address: { channel: 'webchat', conversationId: 'x', userId: 'u' },
  category: 'damaged_in_transit', orderId: 'ORD-1', description: 'Broken <b>vase</b>', evidence: [], desiredResolution: 'replacement', locale: 'en', texts: [],
  triage: {
    category: 'damaged_in_transit', tier: 'medium', priority: 45, reasons: ['r'],
    deadlines: [{ kind: 'plan', dueAt: t0 + 3000 }, { kind: 'first_response', dueAt: t0 + 1000 }, { kind: 'dispatch', dueAt: t0 + 2000 }],
    emotion: { anger: { flagged: true, intensity: 6 }, anxiety: { flagged: false, intensity: 2 }, cues: [] },
  },
  assigneeId: 'a-ling', proposal: null, rating: null, slaMet: { dispatch: t0 }, createdAt: t0, updatedAt: t0, ...over,
});
const names = agentNames([{ id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500 }]);

describe('console mapper', () => {
  it('keeps only deadlines not yet met, soonest first', () => {
    expect(pendingDeadlines(complaint()).map((d) => d.kind)).toEqual(['first_response', 'plan']);
  });

  it('shows flagged emotions only, names the assignee, and never passes on the address or a script URL', () => {
    const d = toCaseDetail(complaint({ evidence: [{ kind: 'image', url: 'javascript:alert(1)', name: 'x' }, { kind: 'image', url: 'https://cdn.example/p.jpg' }] }), names);
    expect(d.emotion).toEqual({ anger: 6, anxiety: null });
    expect(d.assigneeName).toBe('Ling');
    expect(d.evidence.map((e) => e.url)).toEqual([null, 'https://cdn.example/p.jpg']);
    expect(JSON.stringify(d)).not.toContain('conversationId');
  });

  it('builds the conversation from the description, consumer messages and agent replies only', () => {
    const ev = (type: TimelineEvent['type'], kind: 'consumer' | 'agent', text?: string): TimelineEvent => ({ at: t0, type, actor: { kind, id: kind === 'agent' ? 'a-ling' : 'c-1' }, data: text ? { text } : {} });
    const conv = toConversation(complaint(), [ev('created', 'consumer'), ev('consumer_message', 'consumer', 'hi'), ev('internal_note', 'agent', 'secret'), ev('agent_reply', 'agent', 'hello')], names);
    expect(conv.map((m) => [m.from, m.who, m.text])).toEqual([['consumer', 'Consumer', 'Broken <b>vase</b>'], ['consumer', 'Consumer', 'hi'], ['agent', 'Ling', 'hello']]);
  });

  it('shows what the consumer wrote during intake (first words, then the description) once each', () => {
    const created: TimelineEvent = { at: t0, type: 'created', actor: { kind: 'consumer', id: 'c-1' }, data: { texts: ['my vase arrived SMASHED!!', 'Broken <b>vase</b>'] } };
    expect(toConversation(complaint(), [created], names).map((m) => m.text)).toEqual(['my vase arrived SMASHED!!', 'Broken <b>vase</b>']);
  });
});

describe('console pages', () => {
  it('escapes what the server renders into HTML', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
    const agent: Agent = { id: 'a"x', name: '<script>alert(1)</script>', role: 'supervisor', compensationLimit: 1 };
    const html = queuePage(agent, 'tok"en') + casePage(agent, 'tok', 'RD-1"><script>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('RD-1"><script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(casePage(agent, 't', 'RD-1')).toContain('id="transfer-form"');
    expect(casePage({ ...agent, role: 'agent' }, 't', 'RD-1')).not.toContain('id="transfer-form"');
  });
});
