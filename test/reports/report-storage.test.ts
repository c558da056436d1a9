// The storage reports rely on, against real Redis: the creation-time index, the alert log and its core-services hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreServices } from '../../src/composition/core-services.js';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/logging/logger.js';
import { AlertLog, ALERT_LOG_SIZE } from '../../src/reports/alert-log.js';
import { alertsOf } from '../../src/reports/alert-events.js';
import { utcDay } from '../../src/redis/redis-keys.js';
import { TestRedis } from '../helpers/redis-server.js';
import { address, createCore, draft, type Core } from '../complaints/core-fixture.js';

const server = new TestRedis();
let core: Core;
let clock = Date.UTC(2026, 2, 2, 9);

beforeAll(async () => {
  await server.start();
  core = await createCore(server.url, { now: () => clock });
});
afterAll(async () => {
  await core?.close();
  await server.destroy();
});

describe('created index', () => {
  it('lists complaints created in [from, to), oldest first, up to the limit', async () => {
    const t0 = clock;
    const ids: string[] = [];
    for (const [i, consumer] of ['c-1', 'c-2', 'c-3'].entries()) {
      clock = t0 + i * 1000;
      ids.push((await core.service.submit(address(consumer), consumer, draft({ orderId: `ORD-${i}` }))).complaint.id);
    }
    expect((await core.store.listCreatedBetween(t0, t0 + 2000)).map((c) => c.id)).toEqual([ids[0], ids[1]]);
    expect((await core.store.listCreatedBetween(t0 + 1000, t0 + 5000)).map((c) => c.id)).toEqual([ids[1], ids[2]]);
    expect((await core.store.listCreatedBetween(t0, t0 + 5000, 1)).map((c) => c.id)).toEqual([ids[0]]);
    expect(await core.redis.zscore(core.keys.created(utcDay(t0 + 2000)), ids[2]!)).toBe(String(t0 + 2000));
  });
});

describe('alert log', () => {
  it('keeps the newest 500, newest first', async () => {
    const log = new AlertLog(core.redis, core.keys);
    for (let i = 0; i < ALERT_LOG_SIZE + 3; i++) await log.record({ kind: 'surge', text: `alert ${i}`, at: i });
    expect(await core.redis.llen(core.keys.alerts())).toBe(ALERT_LOG_SIZE);
    expect((await log.recent(2)).map((a) => a.text)).toEqual([`alert ${ALERT_LOG_SIZE + 2}`, `alert ${ALERT_LOG_SIZE + 1}`]);
    expect((await log.recent()).at(-1)?.text).toBe('alert 3');
  });

  it('turns breach and escalation events into alerts', async () => {
    const { complaint } = await core.service.submit(address('c-9'), 'c-9', draft({ orderId: 'ORD-9' }));
    const events = [
      { at: 5, type: 'sla_breached' as const, actor: { kind: 'system' as const, id: 'sla' }, data: { kind: 'first_response' } },
      { at: 6, type: 'escalated' as const, actor: { kind: 'agent' as const, id: 'a-ling' }, data: { reason: 'press threat' } },
      { at: 6, type: 'status_changed' as const, actor: { kind: 'agent' as const, id: 'a-ling' }, data: { from: 'queued', to: 'escalated' } },
    ];
    expect(alertsOf({ complaint, previous: complaint, events })).toEqual([
      { kind: 'sla_breached', complaintId: complaint.id, deadline: 'first_response', at: 5, text: `SLA missed: first response for ${complaint.id} (late_delivery, ${complaint.triage.tier} tier)` },
      { kind: 'escalated', complaintId: complaint.id, at: 6, text: `${complaint.id} escalated by a-ling: press threat` },
    ]);
  });

  it('is fed by the core: a committed SLA breach lands in the log', async () => {
    const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: server.url, REDIS_KEY_PREFIX: core.prefix });
    const services = createCoreServices(config, core.redis, silentLogger);
    try {
      const { complaint } = await services.complaints.submit(address('c-10'), 'c-10', draft({ orderId: 'ORD-10' }));
      await services.complaints.transition(complaint.id, 'escalated', { kind: 'system', id: 'sla' }, 'sla_breached', { kind: 'dispatch' });
      const [latest] = await services.alertLog.recent(1);
      expect(latest).toMatchObject({ kind: 'sla_breached', complaintId: complaint.id, deadline: 'dispatch' });
    } finally {
      await Promise.all([services.delivery.close(), services.handoff.close(), services.sla.close()]);
    }
  });
});
