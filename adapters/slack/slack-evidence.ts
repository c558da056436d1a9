/**
 * The consumer's photos and documents as links agents can open from Slack. Slack users have no console
 * session, so each link is signed and expires (src/evidence/evidence-link.ts); the console's evidence route
 * checks it. Without EVIDENCE_LINK_SECRET or PUBLIC_URL no link can be made, and the line says so instead of
 * showing a link that would only answer 403.
 */
import { systemClock } from '../../src/clock.js';
import type { types } from '@slack/bolt';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import { evidenceKeyOf } from '../../src/evidence/evidence-file.js';
import { evidenceLink, type EvidenceLinkOptions } from '../../src/evidence/evidence-link.js';
import type { Attachment } from '../../src/messages/message.types.js';
import { LIMITS } from './slack-limits.js';
import { clip, escapeMrkdwn } from './slack-text.js';

/** One evidence item as a thread line or the case post shows it; `label` is mrkdwn we wrote (the file name escaped). */
export interface EvidenceRef {
  label: string;
  url?: string;
  /** When the link stops working (epoch ms). */
  expiresAt?: number;
  /** Why there is no link: removed by retention, never stored, or links not configured. */
  missing?: 'expired' | 'not_stored' | 'no_links';
}

/** At most this many sections of evidence per message (about 25 links) and a line of notes, so the case post stays within 50 blocks. */
const EVIDENCE_BLOCKS = 3;

export const NO_LINKS_NOTE = 'Links to files need EVIDENCE_LINK_SECRET and PUBLIC_URL set on Redress; until then open the case in the console to see them.';

function labelOf(a: Attachment, index: number): string {
  const kind = a.kind === 'image' ? 'photo' : 'document';
  const name = a.name?.trim() ? ` (${clip(escapeMrkdwn(a.name.replace(/[|\n\r]/g, ' ').trim()), 60)})` : '';
  return `${kind} ${index + 1}${name}`;
}

/** Signed links for the items at `indexes` of the complaint's evidence. */
export async function evidenceRefs(c: Complaint, indexes: number[], links: EvidenceLinkOptions | null | undefined): Promise<EvidenceRef[]> {
  return Promise.all(indexes.filter((i) => c.evidence[i]).map(async (i): Promise<EvidenceRef> => {
    const a = c.evidence[i]!;
    const label = labelOf(a, i);
    if (a.expired) return { label, missing: 'expired' };
    if (!evidenceKeyOf(a)) return { label, missing: 'not_stored' };
    if (!links) return { label, missing: 'no_links' };
    const now = (links.now ?? systemClock)();
    return { label, url: await evidenceLink(c.id, i, { ...links, now: () => now }), expiresAt: now + links.ttlSeconds * 1000 };
  }));
}

/**
 * Where the attachments of one consumer message sit in the complaint's evidence: found by storage key or
 * channel file id, else the last ones (they were appended by the same change).
 */
export function indexesOf(c: Complaint, sent: Attachment[]): number[] {
  const idOf = (a: Attachment) => a.storageKey ?? a.fileId ?? a.url;
  return sent.map((a, n) => {
    const found = idOf(a) ? c.evidence.findIndex((e) => idOf(e) === idOf(a)) : -1;
    return found >= 0 ? found : c.evidence.length - sent.length + n;
  }).filter((i) => i >= 0);
}

/** The last `count` items: what an `attached` event added. */
export function lastIndexes(c: Complaint, count: number): number[] {
  const n = Math.max(0, Math.min(count, c.evidence.length));
  return Array.from({ length: n }, (_, k) => c.evidence.length - n + k);
}

/** `<!date^…>` renders in each reader's own zone; the fallback is UTC. */
const until = (ms: number) => `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC>`;

function itemLine(r: EvidenceRef): string {
  if (r.url) return `📎 <${r.url}|${r.label}>`;
  if (r.missing === 'expired') return `📎 ${r.label}: removed after the retention period`;
  if (r.missing === 'not_stored') return `📎 ${r.label}: Redress holds no copy (the download failed)`;
  return `📎 ${r.label}`;
}

/** Evidence as mrkdwn sections, one item a line, cut with a count past what fits; then a context line of notes. */
export function evidenceBlocks(refs: EvidenceRef[], consoleNote: string): Array<types.SectionBlock | types.ContextBlock> {
  if (!refs.length) return [];
  const sections: string[] = [];
  let current = '';
  for (const [n, l] of refs.map(itemLine).entries()) {
    const next = current ? `${current}\n${l}` : l;
    if (next.length <= LIMITS.sectionText - 200) { current = next; continue; }
    if (sections.length === EVIDENCE_BLOCKS - 1) { current += `\n…and ${refs.length - n} more: ${consoleNote}`; break; }
    sections.push(current);
    current = l;
  }
  sections.push(current);
  const notes: string[] = [];
  if (refs.some((r) => r.missing === 'no_links')) notes.push(NO_LINKS_NOTE);
  const expiries = refs.map((r) => r.expiresAt).filter((x): x is number => x !== undefined);
  if (expiries.length) notes.push(`The links open without a login until ${until(Math.min(...expiries))}; after that, open the case in the console.`);
  const blocks: Array<types.SectionBlock | types.ContextBlock> = sections.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } }));
  if (notes.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes.join(' ') }] });
  return blocks;
}
