import type { Complaint, TimelineEvent } from '../complaints/complaint.types.js';

/**
 * A notice for supervisors: an SLA breach, an escalation, a surge, a side effect that could not be done, or
 * a workspace that cannot work as configured (Slack's token or channels).
 */
export interface SupervisorAlert {
  kind: 'sla_breached' | 'escalated' | 'surge' | 'side_effect_failed' | 'workspace_problem' | 'data_erased' | 'data_exported' | 'merchant_late';
  complaintId?: string;
  text: string;
  at: number;
}

/**
 * Where agents work: Slack, or the local console. The handoff worker announces new cases here, and every
 * change to a case is reported so the queue view and the case thread stay live. Each method throws when it
 * could not do its job (the change log retries it), and must tolerate being called again for the same
 * complaint version after a failure or a crash.
 */
export interface AgentWorkspacePort {
  readonly id: string;
  announceCase(complaint: Complaint): Promise<void>;
  caseUpdated(complaint: Complaint, events: TimelineEvent[]): Promise<void>;
  alertSupervisors(alert: SupervisorAlert): Promise<void>;
}
