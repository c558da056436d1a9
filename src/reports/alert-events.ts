/** Supervisor alerts and their texts, one builder each: a committed change's escalations and SLA breaches, surges, failed side effects. */
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import type { DeadlineKind, SurgeAlert } from '../triage/triage.types.js';
import type { AlertRecord } from './report.types.js';

/**
 * One AlertRecord per `sla_breached` and `merchant_late` event, and per `escalated` event by an agent (an SLA breach escalates
 * without an `escalated` event, so it is alerted once, as the breach).
 */
export function alertsOf({ complaint: c, previous, events }: ComplaintChangeNotice): AlertRecord[] {
  const tier = (previous ?? c).triage.tier;
  return events.flatMap((e): AlertRecord[] => {
    if (e.type === 'sla_breached') {
      const deadline = e.data?.kind as DeadlineKind;
      const text = `SLA missed: ${String(deadline).replace('_', ' ')} for ${c.id} (${c.category}, ${tier} tier)`;
      return [{ kind: 'sla_breached', complaintId: c.id, text, at: e.at, deadline }];
    }
    if (e.type === 'merchant_late') {
      const merchant = typeof e.data?.merchantId === 'string' ? `merchant ${e.data.merchantId}` : 'the merchant';
      const due = new Date(Number(e.data?.dueAt)).toISOString();
      return [{ kind: 'merchant_late', complaintId: c.id, text: `Merchant late: ${merchant} has not answered request ${String(e.data?.requestId)} on ${c.id} (due ${due})`, at: e.at }];
    }
    if (e.type === 'escalated') {
      const reason = typeof e.data?.reason === 'string' ? e.data.reason : '';
      const who = typeof e.data?.agent === 'string' ? e.data.agent : e.actor.id;
      return [{ kind: 'escalated', complaintId: c.id, text: `${c.id} escalated by ${who}: ${reason}`, at: e.at }];
    }
    return [];
  });
}

export function surgeAlert(a: SurgeAlert, at: number): AlertRecord {
  const what = `${a.count} complaints about ${a.dimension} ${a.id} within ${Math.round(a.windowMs / 60_000)} min`;
  return { kind: 'surge', text: a.group ? `Group complaint: ${what}` : `Surge: ${what}`, at, surge: a };
}

/** A side effect of a change that failed every attempt (a consumer update, a Slack post, a timer). */
export function sideEffectAlert(complaintId: string, version: number, failed: Array<{ name: string; error: string }>, at: number): AlertRecord {
  const what = failed.map((f) => `${f.name} (${f.error})`).join('; ');
  return { kind: 'side_effect_failed', complaintId, text: `${complaintId}: could not complete ${what} after every retry (change ${version})`, at };
}
