/** fitChoices as each real channel applies it: no choice is dropped and none makes a send fail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebchatHistoryStore } from '../../adapters/webchat/webchat-history.store.js';
import { webchatKeys } from '../../adapters/webchat/webchat-keys.js';
import { WebchatChannel } from '../../adapters/webchat/webchat.channel.js';
import { createRedis, type RedisClient } from '../../src/redis/redis-connection.js';
import { redisKeys } from '../../src/redis/redis-keys.js';
import { randomPrefix, TestRedis } from '../helpers/redis-server.js';

const redis = new TestRedis();
let client: RedisClient;
beforeAll(async () => {
  await redis.start();
  client = createRedis({ url: redis.url });
});
afterAll(async () => {
  client?.disconnect();
  await redis.destroy();
});

describe('the widget with more choices than it shows as chips', () => {
  it('stores the message with every choice as a numbered list instead of refusing the send', async () => {
    const history = new WebchatHistoryStore(client, webchatKeys(redisKeys(randomPrefix())), 100, 3600);
    const channel = new WebchatChannel(history);
    const choices = Array.from({ length: 12 }, (_, i) => ({ value: `v${i}`, label: `Option ${i + 1}` }));
    await channel.send({ channel: 'webchat', conversationId: 'conv-fit', userId: 'u' }, { kind: 'dialog', text: 'Which one?', choices, idempotencyKey: 'k1' });
    const [entry] = await history.after('conv-fit', 0);
    expect(entry?.choices ?? []).toEqual([]);
    expect(entry?.text.split('\n')).toEqual(['Which one?', ...choices.map((c, i) => `${i + 1}. ${c.label}`)]);
  });
});
