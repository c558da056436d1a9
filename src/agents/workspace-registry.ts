import type { AgentWorkspacePort } from './agent-workspace.port.js';

/**
 * Workspace id → port, the twin of ChannelRegistry: the composition root registers each enabled workspace
 * once (the console, Slack, test workspaces), and everything that tells agents something reads it here.
 */
export class WorkspaceRegistry {
  private readonly workspaces = new Map<string, AgentWorkspacePort>();

  register(workspace: AgentWorkspacePort): void {
    this.workspaces.set(workspace.id, workspace);
  }

  all(): AgentWorkspacePort[] {
    return [...this.workspaces.values()];
  }

  ids(): string[] {
    return [...this.workspaces.keys()];
  }
}
