import type { Activity, TurnContext } from 'botbuilder';
import type { Choice as BotChoice } from 'botbuilder-dialogs';
import { formatTime, t, type Tone } from '../src/i18n/catalog.js';
import type { Locale } from '../src/complaints/complaint.types.js';
import type { OutboundMessage } from '../src/messages/message.types.js';
import { CATEGORIES, RESOLUTIONS } from '../src/triage/triage.types.js';
import type { ConversationData, IntakeDeps } from './intake-state.js';

/** A choice whose button sends `value`; the label (and its translation) also match when typed. */
export function choice(value: string, label: string, ...synonyms: string[]): BotChoice {
  return { value, action: { type: 'imBack', title: label, value }, synonyms: [label, ...synonyms] };
}

export function categoryChoices(locale: Locale): BotChoice[] {
  return CATEGORIES.map((c) => choice(c, t(locale, `category.${c}`), t(locale === 'en' ? 'zh' : 'en', `category.${c}`)));
}

export function resolutionChoices(locale: Locale): BotChoice[] {
  return RESOLUTIONS.map((r) => choice(r, t(locale, `resolution.${r}`), t(locale === 'en' ? 'zh' : 'en', `resolution.${r}`)));
}

/** A prompt activity; `expects` tells rich channels what input comes next. */
export function promptActivity(text: string, expects: OutboundMessage['expects'] = 'text'): Partial<Activity> {
  return { type: 'message', text, channelData: { redress: { kind: 'dialog', expects } } };
}

export interface Speaker {
  locale: Locale;
  tone: Tone;
  say(key: string, vars?: Record<string, string | number>): string;
  /** A time in the consumer's own zone when their channel sent it, else in TIMEZONE with the zone named. */
  time(at: number): string;
  data: ConversationData;
}

/** Formats `at` for this conversation: see Speaker.time. */
export function timeFor(data: ConversationData, fallbackZone: string, at: number): string {
  return formatTime(data.locale ?? 'en', at, data.timeZone ?? fallbackZone);
}

/** The conversation's language and tone, read once per step. */
export async function speaker(ctx: TurnContext, deps: IntakeDeps): Promise<Speaker> {
  const data = await deps.data.get(ctx, {});
  const locale = data.locale ?? 'en';
  const tone = data.tone ?? 'neutral';
  return { locale, tone, data, say: (key, vars = {}) => t(locale, key, vars, tone), time: (at) => timeFor(data, deps.timeZone, at) };
}
