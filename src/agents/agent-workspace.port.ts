import type { Complaint, TimelineEvent } from '../complaints/complaint.types.js';

/** A notice for supervisors: an SLA breach, an escalation or a surge. */
export interface SupervisorAlert {
  kind: 'sla_breached' | 'escalated' | 'surge';
  complaintId?: string;
  text: string;
  at: number;
}

/**
 * Where agents work: Slack, or the local console. The handoff worker announces new cases here, and every
 * change to a case is reported so the queue view and the case thread stay live.
 */
export interface AgentWorkspacePort {
  readonly id: string;
  announceCase(complaint: Complaint): Promise<void>;
  caseUpdated(complaint: Complaint, events: TimelineEvent[]): Promise<void>;
  alertSupervisors(alert: SupervisorAlert): Promise<void>;
}
