/** Reading what we sent Slack the way an agent would see it. */
const ZWSP = /\u200B/g;

export interface TextPart { type: 'plain_text' | 'mrkdwn'; text: string }

/** Every text object in blocks (sections, context elements, headers), in order. */
export function textsOf(blocks: unknown): TextPart[] {
  const out: TextPart[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if ((o.type === 'plain_text' || o.type === 'mrkdwn') && typeof o.text === 'string') return void out.push({ type: o.type, text: o.text });
    Object.values(o).forEach(walk);
  };
  walk(blocks);
  return out;
}

/** What a reader sees: zero-width spaces gone, Slack's three entities decoded in mrkdwn. */
export function visible(p: TextPart): string {
  const t = p.text.replace(ZWSP, '');
  return p.type === 'mrkdwn' ? t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : t;
}

/** The plain_text sections of a message joined: the body as an agent reads it. */
export function plainBody(blocks: unknown): string {
  const sections = (Array.isArray(blocks) ? blocks : []) as Array<{ type?: string; text?: TextPart }>;
  return sections.filter((b) => b.type === 'section' && b.text?.type === 'plain_text').map((b) => visible(b.text!)).join('');
}

/** Formatting a consumer might try; none of it may reach a mrkdwn text as written. */
export const HOSTILE = 'Look *bold* _x_ ~x~ `code` <!channel> <https://evil.example|click> <@U0BOSS> & co';
const MARKUP = ['*bold*', '_x_', '~x~', '`code`'];

/** Problems that would let text format, mention or link in Slack; empty when the message is inert. */
export function liveMarkup(blocks: unknown, fallback = ''): string[] {
  const out: string[] = [];
  for (const p of [...textsOf(blocks), { type: 'mrkdwn' as const, text: fallback }]) {
    const t = p.type === 'mrkdwn' ? p.text.replace(/<!date\^[^>]*>/g, '') : p.text;
    if (/<[!@#]|<(https?|mailto):/.test(t)) out.push(`${p.type} has a live <…>: ${t.slice(0, 80)}`);
    if (p.type === 'mrkdwn') for (const m of MARKUP) if (t.includes(m)) out.push(`mrkdwn formats ${m}: ${t.slice(0, 80)}`);
  }
  return out;
}
