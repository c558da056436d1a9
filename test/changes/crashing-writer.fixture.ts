/**
 * A Redress process that dies (SIGKILL, by its own hand) in the middle of a change's side effects: it claims
 * the case given in argv, and the one workspace it has kills the process as soon as it is told of the claim.
 * Run by change-log.test.ts with tsx; the commit is done by then, the consumer's notice may or may not be.
 */
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/composition/create-app.js';
import type { AgentWorkspacePort } from '../../src/agents/agent-workspace.port.js';
import { silentLogger } from '../../src/logging/logger.js';

const [redisUrl, prefix, caseId, agentId] = process.argv.slice(2) as [string, string, string, string];
const dying: AgentWorkspacePort = {
  id: 'dying',
  announceCase: async () => undefined,
  caseUpdated: async () => { process.kill(process.pid, 'SIGKILL'); },
  alertSupervisors: async () => undefined,
};
// A short lease, so the surviving worker takes the change over within a second of the crash.
const config = loadConfig({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', NODE_ENV: 'test', CHANGE_LEASE_MS: '1000' });
const app = await createApp(config, { logger: silentLogger, role: 'web', workspaces: [dying], webAdapters: false });
await app.core.agentOps.claim(agentId, caseId);
// Not reached: the claim's side effects kill the process first.
process.exit(3);
