/**
 * The order-number step's choices: the consumer's recent orders labelled so they can tell them apart (number, item,
 * date), "another order" and "I don't have it"; and the item line the summary shows for the order they chose.
 */
import type { Choice as BotChoice } from 'botbuilder-dialogs';
import type { Locale } from '../src/complaints/complaint.types.js';
import type { OrderFacts } from '../src/orders/order-facts.js';
import { choice, type Speaker } from './intake-prompts.js';
import type { OrderItems } from './intake-state.js';

export const NO_ORDER = 'no_order';
export const ANOTHER_ORDER = 'another_order';
/**
 * A label must fit a button (Telegram's are cut at 64 characters), so a long order number shows its end (what people
 * compare) and a long item name its start: at most 16 + 3 + 27 + 3 + 11 characters with the date.
 */
const LABEL_ORDER_MAX = 16;
const LABEL_ITEM_MAX = 24;
/** The summary names this many items of an order, then "and N more". */
const SUMMARY_ITEMS_MAX = 3;
const SUMMARY_ITEM_NAME_MAX = 60;

export function itemsOf(facts: OrderFacts): OrderItems {
  const items = facts.items.slice(0, SUMMARY_ITEMS_MAX).map((i) => ({ name: cut(i.name, SUMMARY_ITEM_NAME_MAX), quantity: i.quantity }));
  return { orderId: facts.orderId, items, more: facts.items.length - items.length };
}

/** One choice per recent order (its id is the button's value, so a press is checked like a typed number), then another / none. */
export function recentOrderChoices(orders: OrderFacts[], s: Speaker, timeZone: string): BotChoice[] {
  return [
    ...orders.map((o) => choice(o.orderId, orderLabel(o, s.locale, timeZone))),
    choice(ANOTHER_ORDER, s.say('dialog.order_another')),
    choice(NO_ORDER, s.say('dialog.order_none')),
  ];
}

/** "MM-240815-001 · Ceramic teapot, celadon · 2 Nov 2025": number, first item (+ how many more), order date. */
export function orderLabel(o: OrderFacts, locale: Locale, timeZone: string): string {
  const first = o.items[0]?.name ?? '';
  const name = cut(first, LABEL_ITEM_MAX);
  const more = o.items.length > 1 ? ` +${o.items.length - 1}` : '';
  const date = orderDate(o.orderedAt, locale, timeZone);
  const id = o.orderId.length > LABEL_ORDER_MAX ? `…${o.orderId.slice(-(LABEL_ORDER_MAX - 1))}` : o.orderId;
  return [id, name + more, date].filter(Boolean).join(' · ');
}

function orderDate(iso: string, locale: Locale, timeZone: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { day: 'numeric', month: locale === 'zh' ? 'long' : 'short', year: 'numeric', timeZone }).format(at);
}

/**
 * What the consumer meant among the offered choices: a pressed button's value, a label or value typed out, or a
 * list number (a channel with fewer buttons lists the choices as numbers, see src/channels/fit-choices.ts).
 * Anything else is their own text: an order number typed in.
 */
export function resolveOrderInput(text: string, choices: readonly BotChoice[] | undefined): string {
  if (!choices?.length) return text;
  const lower = text.toLowerCase();
  const named = choices.find((c) => c.value.toLowerCase() === lower || c.action?.title?.toLowerCase() === lower);
  if (named) return named.value;
  const listed = /^\d{1,2}$/.test(text) ? choices[Number(text) - 1] : undefined;
  return listed?.value ?? text;
}

/** "Ceramic teapot, celadon × 1; Mug × 2 and 3 more items". */
export function itemsLine(o: OrderItems, s: Speaker): string {
  const line = o.items.map((i) => `${i.name} × ${i.quantity}`).join(s.locale === 'zh' ? '；' : '; ');
  return o.more > 0 ? `${line} ${s.say('dialog.order_more_items', { count: o.more })}` : line;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
