/**
 * Erasure of one consumer on request (the right to erasure): personal data removed or pseudonymised in
 * Redis, the archive and the file storage; the case facts stay for statistics. The audit entry is a
 * supervisor alert (alert log and archive) naming who erased which pseudonym, when and why — never the
 * consumer id or anything erased.
 *
 * @example
 * const r = await eraseConsumer(deps, 'webchat:u-1001', { agent, reason: 'Request by email, ticket 4411', at: Date.now() });
 * r.erased // false when nothing was left to erase (a repeated request)
 */
import type { ArchiveDb } from '../archive/archive-db.port.js';
import { isRedressError } from '../errors.js';
import type { Agent } from '../complaints/complaint.types.js';
import type { SupervisorAlerts } from '../reports/supervisor-alerts.js';
import type { FileStoragePort } from '../storage/file-storage.port.js';
import type { CaseQueueIndex } from '../agents/case-queue-index.js';
import { findConsumerRecords, type PrivacySources } from './consumer-records.js';
import { newPseudonym, storageKeysOf } from './personal-data.js';
import { eraseInArchive } from './archive-erasure.js';
import { removeJobsFor } from './queue-erasure.js';
import { deleteConversations, eraseCaseInRedis, pseudonymiseAlerts, pseudonymiseSurgeMembers, rekeyConsumer, settleChanges } from './redis-erasure.js';

export interface ErasureDeps extends Omit<PrivacySources, 'archive'> {
  archive?: ArchiveDb | null;
  storage: FileStoragePort;
  alerts?: Pick<SupervisorAlerts, 'raise'>;
  /** The agents' queue index (src/agents/case-queue-index.ts): re-written per erased case, so no old row or search word stays. */
  queueIndex?: Pick<CaseQueueIndex, 'write'>;
}

export interface ErasureRequest {
  agent: Pick<Agent, 'id' | 'name'>;
  reason: string;
  at: number;
}

export type ErasureResult =
  | { erased: true; pseudonym: string; cases: number; files: number; conversations: number }
  | { erased: false; message: string };

/** A key the storage refuses was never a file of ours (as the retention sweep treats it): nothing to delete. */
async function deleteFile(storage: FileStoragePort, key: string): Promise<void> {
  try {
    await storage.delete(key);
  } catch (err) {
    if (!isRedressError(err, 'input.invalid')) throw err;
  }
}

export async function eraseConsumer(d: ErasureDeps, consumerId: string, req: ErasureRequest): Promise<ErasureResult> {
  const rec = await findConsumerRecords(d, consumerId);
  if (!rec.profile && !rec.archivedProfile && !rec.cases.length && !rec.archivedIds.length && !rec.conversations.length) {
    return { erased: false, message: 'Nothing is left to erase for this consumer id: no profile, no cases and no chats (already erased, or never known).' };
  }
  const pseudonym = newPseudonym();
  // Files first: the cases still name them, so a failure here can be retried by erasing again.
  const files = [...new Set(rec.cases.flatMap((c) => storageKeysOf(c.complaint)))];
  for (const key of files) await deleteFile(d.storage, key);
  for (const c of rec.cases) if (c.source === 'redis') await eraseCaseInRedis(d, c.complaint.id, consumerId, pseudonym);
  // The agents' queue index is written again from what is left (a case only the archive holds leaves it).
  for (const id of new Set([...rec.cases.map((c) => c.complaint.id), ...rec.archivedIds])) await d.queueIndex?.write({ id });
  // No stored file is left on these cases, so the retention sweep has nothing to expire on them.
  if (rec.cases.length) await d.redis.zrem(d.keys.retention.due(), ...rec.cases.map((c) => c.complaint.id));
  await rekeyConsumer(d, rec, consumerId, pseudonym);
  const chats = await deleteConversations(d, rec);
  // Photos uploaded in the chat but never attached to a case (the upload records named them).
  const stray = chats.files.filter((f) => !files.includes(f));
  for (const key of stray) await deleteFile(d.storage, key);
  const deleted = files.length + stray.length;
  await pseudonymiseAlerts(d, consumerId, pseudonym);
  await pseudonymiseSurgeMembers(d, consumerId, pseudonym);
  await removeJobsFor(d.redis, d.keys, consumerId, rec.conversations);
  if (d.archive) await settleChanges(d, rec.cases.filter((c) => c.source === 'redis').map((c) => ({ id: c.complaint.id, version: c.complaint.version })));
  if (d.archive) await eraseInArchive(d.archive, consumerId, pseudonym, [...new Set([...rec.cases.map((c) => c.complaint.id), ...rec.archivedIds])]);
  const cases = rec.cases.length;
  const reason = req.reason.replaceAll(consumerId, pseudonym);
  await d.alerts?.raise({
    kind: 'data_erased', at: req.at,
    text: `Data erasure: ${req.agent.name} (${req.agent.id}) erased consumer ${pseudonym} (${cases} case(s) kept for statistics, ${deleted} file(s) deleted). Reason: ${reason}`,
  }, `erased:${pseudonym}`);
  return { erased: true, pseudonym, cases, files: deleted, conversations: rec.conversations.length };
}
