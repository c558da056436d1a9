import type { AgentWorkspacePort } from '../agents/agent-workspace.port.js';
import type { ComplaintChangeNotice } from '../complaints/complaint-events.js';
import { alertsOf } from './alert-events.js';
import type { AlertLog } from './alert-log.js';
import type { AlertRecord } from './report.types.js';

/**
 * The one place a supervisor alert is raised (escalations, SLA breaches and surges from the change log and
 * triage; side effects that could not be done): recorded once in the alert log for the reports page, then
 * sent to every agent workspace. Throws when a workspace could not be told, so the caller retries; neither the
 * log entry nor a workspace already told is repeated.
 */
export class SupervisorAlerts {
  constructor(
    private readonly log: AlertLog,
    private readonly workspaces: () => AgentWorkspacePort[],
    /** Also keeps the alert in the archive (PostgreSQL), under the same once-key. */
    private readonly archive?: (alert: AlertRecord, onceKey: string) => Promise<void>,
  ) {}

  /** `except`: a workspace that is itself the problem (a broken Slack cannot be told that Slack is broken). */
  async raise(alert: AlertRecord, onceKey: string, except?: string): Promise<void> {
    await this.log.recordOnce(alert, onceKey);
    const { surge: _surge, deadline: _deadline, ...notice } = alert;
    const all = this.workspaces().filter((w) => w.id !== except);
    const untold = new Set(await this.log.untold(onceKey, all.map((w) => w.id)));
    // The archive is one more destination, not a gate: a database that is down must not keep supervisors from
    // hearing (an alert about the archive itself would never arrive). Its failure still throws, after the others.
    const results = await Promise.allSettled([
      ...all.filter((w) => untold.has(w.id)).map(async (w) => {
        await w.alertSupervisors(notice);
        await this.log.markTold(onceKey, w.id);
      }),
      ...(this.archive ? [this.archive(alert, onceKey)] : []),
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** The change-log side effect that raises a change's escalation and SLA-breach alerts, once each. */
export function alertsEffect(alerts: SupervisorAlerts): (n: ComplaintChangeNotice) => Promise<void> {
  return async (n) => {
    await Promise.all(alertsOf(n).map((a, i) => alerts.raise(a, `${n.complaint.id}:${n.complaint.version}:${i}`)));
  };
}
