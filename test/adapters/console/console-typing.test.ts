// The agent-typing route through the console's real HTTP API (cookie + CSRF): who may send it, what reaches the
// widget conversation's fan-out channel, and the server-side bound of one start a second per case.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedis, type RedisClient } from '../../../src/redis/redis-connection.js';
import { TestRedis } from '../../helpers/redis-server.js';
import { eventually } from '../../helpers/test-app.js';
import { AgentClient } from './console-client.js';
import { address, draft, startWorld, type World } from './console-fixture.js';

const server = new TestRedis();
let w: World;
let ling: AgentClient;
let omar: AgentClient;
let mei: AgentClient;
let sub: RedisClient;
let heard: string[];
let n = 0;

beforeAll(async () => { await server.start(); });
beforeEach(async () => {
  w = await startWorld(server.url);
  [ling, omar, mei] = await Promise.all([
    AgentClient.login(w.baseUrl, 'a-ling', 'ling-pass'), AgentClient.login(w.baseUrl, 'a-omar', 'omar-pass'), AgentClient.login(w.baseUrl, 's-mei', 'mei-pass'),
  ]);
  heard = [];
  sub = createRedis({ url: server.url });
  sub.on('pmessage', (_p: string, _c: string, raw: string) => heard.push(raw));
  await sub.psubscribe(w.keys.webchat.channel('*'));
});
afterEach(async () => { sub.disconnect(); await w.close(); });
afterAll(async () => { await server.destroy(); });

async function lingsCase(): Promise<{ id: string; conversationId: string }> {
  n += 1;
  const { complaint } = await w.complaints.submit(address(`c-${n}`), `c-${n}`, draft());
  expect((await ling.act(complaint.id, 'claim')).status).toBe(200);
  return { id: complaint.id, conversationId: `c-${n}` };
}

/** The route answers 204 with no body, which AgentClient.post cannot parse: the status alone. */
async function typing(who: AgentClient, id: string, on: boolean): Promise<{ status: number }> {
  const res = await fetch(`${who.baseUrl}/console/api/cases/${encodeURIComponent(id)}/typing`, {
    method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/json', 'x-csrf-token': who.csrf }, body: JSON.stringify({ on }),
  });
  return { status: res.status };
}

describe('console: agent typing', () => {
  it("the owner's start and stop reach the conversation's channel with their name; a plain non-owner gets 403, a supervisor may", async () => {
    const { id } = await lingsCase();
    expect((await typing(ling, id, true)).status).toBe(204);
    await eventually(() => heard.length === 1, 'the start');
    expect(JSON.parse(heard[0]!)).toEqual({ agentTyping: { on: true, name: 'Ling' } });
    expect((await typing(ling, id, false)).status).toBe(204);
    await eventually(() => heard.length === 2, 'the stop');
    expect(JSON.parse(heard[1]!)).toEqual({ agentTyping: { on: false, name: 'Ling' } });

    const refused = await omar.post(`/console/api/cases/${encodeURIComponent(id)}/typing`, { on: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('console.forbidden');
    const forged = await ling.post(`/console/api/cases/${encodeURIComponent(id)}/typing`, { on: true }, { 'x-csrf-token': 'wrong' });
    expect(forged.status).toBe(403);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await typing(mei, id, true)).status).toBe(204);
    await eventually(() => heard.length === 3, "the supervisor's start");
    expect(heard).toHaveLength(3);
  });

  it('takes at most one start a second per case, however fast they come', async () => {
    const { id } = await lingsCase();
    for (let i = 0; i < 10; i++) expect((await typing(ling, id, true)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toHaveLength(1);
    expect((await ling.post(`/console/api/cases/${encodeURIComponent(id)}/typing`, { on: 'yes' })).status).toBe(400);
  });
});
