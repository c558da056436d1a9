/**
 * Everything Redress holds about one consumer, as one JSON document (the right of access): profile, cases
 * with their timelines (hot and archived), the conversations' webchat history and link, and their files.
 *
 * @example
 * const doc = await exportConsumer(sources, 'webchat:u-1001', Date.now());
 * doc.cases[0].complaint.description; doc.files[0].storageKey;
 */
import type { ConsumerProfile } from '../complaints/complaint.types.js';
import { conversationOf, findConsumerRecords, type ConsumerCase, type PrivacySources } from './consumer-records.js';
import { globLiteral, scanKeys } from './redis-scan.js';

/** The widget's upload record (adapters/webchat/webchat.types.ts), read here without importing the adapter. */
interface UploadRecord { storageKey: string; mimeType: string; sizeBytes: number; storedAt?: number }

export interface ExportedFile {
  /** null: uploaded in the chat but never attached to a case. */
  complaintId: string | null;
  kind: string;
  name: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  storedAt: number | null;
  storageKey: string | null;
  expired: boolean;
}

export interface ConsumerExport {
  consumerId: string;
  exportedAt: string;
  profile: ConsumerProfile | null;
  cases: ConsumerCase[];
  conversations: Array<{ channel: string; conversationId: string; link: unknown; webchatHistory: unknown[]; dialogState: unknown[] }>;
  files: ExportedFile[];
}

const parse = (raw: string | null): unknown => (raw === null ? null : JSON.parse(raw));

/** Widget uploads of these chats that no case refers to (a photo sent, then the intake left). */
async function strayUploads(src: PrivacySources, chats: string[], known: ExportedFile[]): Promise<ExportedFile[]> {
  if (!chats.length) return [];
  const out: ExportedFile[] = [];
  for (const key of await scanKeys(src.redis, `${globLiteral(src.keys.prefix)}:*:webchat:upload`)) {
    const raw = await src.redis.get(key);
    if (!raw || !chats.includes(conversationOf(raw))) continue;
    const u = JSON.parse(raw) as UploadRecord;
    if (known.some((f) => f.storageKey === u.storageKey)) continue;
    out.push({ complaintId: null, kind: 'image', name: null, mimeType: u.mimeType, sizeBytes: u.sizeBytes, storedAt: u.storedAt ?? null, storageKey: u.storageKey, expired: false });
  }
  return out;
}

export async function exportConsumer(src: PrivacySources, consumerId: string, now: number): Promise<ConsumerExport> {
  const rec = await findConsumerRecords(src, consumerId);
  const conversations = await Promise.all(rec.conversations.map(async ({ channel, conversationId }) => {
    const tag = src.keys.conversationTag(channel, conversationId);
    const [link, history, dialogKeys] = await Promise.all([
      src.redis.get(src.keys.conversation(channel, conversationId)),
      channel === 'webchat' ? src.redis.lrange(src.keys.webchat.history(conversationId), 0, -1) : Promise.resolve([]),
      // The dialog's state: an intake in progress holds what they wrote so far.
      scanKeys(src.redis, `${globLiteral(tag)}:dialog*`),
    ]);
    const dialogState = await Promise.all(dialogKeys.map(async (k) => parse(await src.redis.get(k))));
    return { channel, conversationId, link: parse(link), webchatHistory: history.map((h) => JSON.parse(h) as unknown), dialogState };
  }));
  const files: ExportedFile[] = rec.cases.flatMap(({ complaint: c }) => c.evidence.map((a) => ({
    complaintId: c.id, kind: a.kind, name: a.name ?? null, mimeType: a.mimeType ?? null, sizeBytes: a.sizeBytes ?? null,
    storedAt: a.storedAt ?? null, storageKey: a.storageKey ?? null, expired: Boolean(a.expired),
  })));
  files.push(...(await strayUploads(src, rec.conversations.filter((c) => c.channel === 'webchat').map((c) => c.conversationId), files)));
  return { consumerId, exportedAt: new Date(now).toISOString(), profile: rec.profile ?? rec.archivedProfile, cases: rec.cases, conversations, files };
}
