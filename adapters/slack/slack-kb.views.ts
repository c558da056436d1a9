/**
 * The knowledge base in Slack, as Block Kit (pure): the "Reply with a template…" modal (the case's matching
 * canned replies in a grouped static_select, the chosen one filled in for the case in an editable input) and
 * the `/redress kb RD-…` answer (the matching articles, title and short guidance). Everything stays inside
 * Slack's limits (100 options, 75-character option texts, 3,000-character inputs, 24-character titles).
 */
import type { types } from '@slack/bolt';
import type { KbArticle, KbReply } from '../../src/agents/knowledge-base.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import type { CommandReply } from './slack-command.replies.js';
import { human } from './slack-labels.js';
import { LIMITS } from './slack-limits.js';
import { clip, escapeMrkdwn } from './slack-text.js';
import { VIEWS, type ViewValues } from './slack.mapper.js';

export type FilledReply = KbReply & { filled: string };

/** The select inside the modal: choosing a reply re-renders the modal with its text (views.update). */
export const KB_PICK_ACTION = 'kb_reply_pick';
/** The text input's block id starts with this; the rest names the template, so Slack shows the new initial_value. */
export const REPLY_TEXT_BLOCK = 'reply_text';
/** What a reply from the modal may hold: Slack's input maximum, within the console's 4,000. */
export const REPLY_MAX = LIMITS.inputMaxLength;
const MAX_OPTIONS = 100;
const OPTION_TEXT = 75;
/** An article's guidance in `/redress kb`: the start of its body. */
const GUIDANCE = 300;
/** At most this many articles in the answer (two blocks each, well inside 50). */
const MAX_ARTICLES = 10;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(text, max) || '…' });
const flagged = (c: Complaint) => new Set([c.triage.emotion.anger.flagged ? 'angry' : '', c.triage.emotion.anxiety.flagged ? 'anxious' : ''].filter(Boolean));

/** Which group a reply shows under: the case's category, the consumer's mood, or general. */
function groupOf(r: KbReply, c: Complaint): 'category' | 'mood' | 'general' {
  if (r.categories.includes(c.category)) return 'category';
  const mood = flagged(c);
  if (r.cues.some((cue) => mood.has(cue))) return 'mood';
  return 'general';
}

function moodLabel(c: Complaint): string {
  const m = [...flagged(c)];
  return m.length ? `For an ${m.join(' and ')} consumer` : 'For the consumer\'s mood';
}

function option(r: FilledReply, c: Complaint): types.PlainTextOption {
  return { text: plain(r.title[c.locale] || r.title.en, OPTION_TEXT), value: r.id.slice(0, 150) };
}

/** The modal; `chosen` is the template whose filled text is in the input (the first one when none was picked). */
export function templateReplyView(c: Complaint, replies: FilledReply[], chosenId?: string): types.View {
  const usable = replies.slice(0, MAX_OPTIONS);
  const chosen = usable.find((r) => r.id === chosenId) ?? usable[0];
  const blocks: types.KnownBlock[] = [{
    type: 'section',
    text: { type: 'mrkdwn', text: clip(`Reply to the consumer on *${escapeMrkdwn(c.id)}* (${escapeMrkdwn(human(c.category))}, ${c.locale === 'zh' ? 'Chinese' : 'English'})`, LIMITS.sectionText) },
  }];
  if (usable.length) {
    const labels = { category: `For ${human(c.category)}`, mood: moodLabel(c), general: 'General' } as const;
    const option_groups = (['category', 'mood', 'general'] as const)
      .map((g) => ({ label: plain(labels[g], OPTION_TEXT), options: usable.filter((r) => groupOf(r, c) === g).map((r) => option(r, c)) }))
      .filter((g) => g.options.length);
    blocks.push({
      type: 'actions', block_id: 'template',
      elements: [{
        type: 'static_select', action_id: KB_PICK_ACTION, placeholder: plain('Pick a canned reply', 150), option_groups,
        ...(chosen ? { initial_option: option(chosen, c) } : {}),
      }],
    });
  } else {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'No canned reply fits this case yet; write your reply below.' } });
  }
  const initial = chosen ? clip(chosen.filled, REPLY_MAX) : '';
  blocks.push({
    type: 'input', block_id: `${REPLY_TEXT_BLOCK}.${chosen?.id ?? 'none'}`.slice(0, LIMITS.id),
    label: plain('Your reply (edit it as you like)', 2000),
    element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: REPLY_MAX, ...(initial ? { initial_value: initial } : {}) },
  });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'The consumer name, order and case numbers, deadline and amount are filled in for this case. Sent as your reply.' }] });
  return {
    type: 'modal', callback_id: VIEWS.replyTemplate, private_metadata: c.id,
    title: plain('Reply with a template', LIMITS.modalTitle), submit: plain('Send', LIMITS.modalTitle), close: plain('Cancel', LIMITS.modalTitle),
    blocks,
  };
}

/** The reply's text and the input's block id (for an error beside it). */
export function readTemplateReply(values: ViewValues): { block: string; text: string } {
  const block = Object.keys(values).find((k) => k === REPLY_TEXT_BLOCK || k.startsWith(`${REPLY_TEXT_BLOCK}.`)) ?? REPLY_TEXT_BLOCK;
  return { block, text: values[block]?.value?.value ?? '' };
}

/** `/redress kb RD-…`: the case's articles, in its language, escaped and cut to fit. */
export function articlesReply(c: Complaint, articles: KbArticle[]): CommandReply {
  const head = `Guidance for *${escapeMrkdwn(c.id)}* (${escapeMrkdwn(human(c.category))})`;
  if (!articles.length) return { response_type: 'ephemeral', text: `No article fits ${c.id} yet.`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${head}: no article fits this case yet.` } }] };
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  for (const a of articles.slice(0, MAX_ARTICLES)) {
    const title = escapeMrkdwn(clip(a.title[c.locale] || a.title.en, 120));
    const body = escapeMrkdwn(clip((a.body[c.locale] || a.body.en).replace(/\s+/g, ' ').trim(), GUIDANCE));
    blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: clip(`*${title}*\n${body}`, LIMITS.sectionText) } });
  }
  if (articles.length > MAX_ARTICLES) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${articles.length - MAX_ARTICLES} more in the console's knowledge base.` }] });
  return { response_type: 'ephemeral', text: clip(`Guidance for ${c.id}: ${articles.map((a) => a.title[c.locale] || a.title.en).join(', ')}`, 1000), blocks };
}
