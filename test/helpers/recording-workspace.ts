import type { AgentWorkspacePort, SupervisorAlert } from '../../src/agents/agent-workspace.port.js';
import type { Complaint, TimelineEvent } from '../../src/complaints/complaint.types.js';

/** An agent workspace that records what it was told, for assertions. */
export class RecordingWorkspace implements AgentWorkspacePort {
  readonly id = 'recording';
  readonly announced: Complaint[] = [];
  readonly updates: Array<{ complaint: Complaint; events: TimelineEvent[] }> = [];
  readonly alerts: SupervisorAlert[] = [];
  async announceCase(complaint: Complaint): Promise<void> {
    this.announced.push(complaint);
  }
  async caseUpdated(complaint: Complaint, events: TimelineEvent[]): Promise<void> {
    this.updates.push({ complaint, events });
  }
  async alertSupervisors(alert: SupervisorAlert): Promise<void> {
    this.alerts.push(alert);
  }
}

