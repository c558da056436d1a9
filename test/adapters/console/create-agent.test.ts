// scripts/create-agent.ts as an operator runs it: a real child process against a real redis-server.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, TestRedis } from '../../helpers/redis-server.js';
import { AgentClient, loginRequest } from './console-client.js';
import { startWorld } from './console-fixture.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const server = new TestRedis();

beforeAll(async () => { await server.start(); });
afterAll(async () => { await server.destroy(); });

function createAgent(prefix: string, args: string[], input?: string) {
  const child = run(`${root}node_modules/.bin/tsx`, ['scripts/create-agent.ts', ...args], {
    cwd: root, env: { ...process.env, REDIS_URL: server.url, REDIS_KEY_PREFIX: prefix, NODE_ENV: 'development' },
  });
  if (input !== undefined) child.child.stdin?.end(input);
  return child;
}

describe('scripts/create-agent.ts', () => {
  it('creates a supervisor who can log in, and then no demo login is created', async () => {
    const prefix = randomPrefix();
    const { stdout } = await createAgent(prefix, ['--id', 'a-ling', '--name', 'Ling', '--role', 'supervisor', '--limit', '2000', '--password', 'correct horse']);
    expect(stdout).toContain('Saved supervisor a-ling');
    const w = await startWorld(server.url, { prefix, agentsJson: '', nodeEnv: 'development' });
    try {
      expect(await w.agents.get('a-ling')).toEqual({ id: 'a-ling', name: 'Ling', role: 'supervisor', compensationLimit: 2000 });
      const ling = await AgentClient.login(w.baseUrl, 'a-ling', 'correct horse');
      expect((await ling.get('/console/api/me')).body).toMatchObject({ agent: { id: 'a-ling', role: 'supervisor' } });
      expect((await loginRequest(w.baseUrl, 'demo', 'demo')).status).toBe(401);
    } finally {
      await w.close();
    }
  }, 30_000);

  it('reads the password from stdin, and refuses bad input with exit code 1', async () => {
    const prefix = randomPrefix();
    await createAgent(prefix, ['--id', 'a-omar', '--name', 'Omar', '--password-stdin'], 'from stdin 123\n');
    const w = await startWorld(server.url, { prefix, agentsJson: '' });
    try {
      expect((await loginRequest(w.baseUrl, 'a-omar', 'from stdin 123')).status).toBe(303);
    } finally {
      await w.close();
    }
    await expect(createAgent(prefix, ['--id', 'bad id!', '--name', 'X', '--password', 'long enough'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--id') });
    await expect(createAgent(prefix, ['--id', 'a-x', '--name', 'X', '--password', 'short'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('at least 8') });
  }, 30_000);
});
