/**
 * Creates or updates a console agent and their password, against the Redis in REDIS_URL (and REDIS_KEY_PREFIX).
 *
 *   npx tsx scripts/create-agent.ts --id a-ling --name Ling --role supervisor --limit 2000 --password '…'
 *   printf '%s' "$PW" | npx tsx scripts/create-agent.ts --id a-ling --name Ling --password-stdin
 *
 * --password-stdin keeps the password out of shell history and `ps`.
 */
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { agentEntry } from '../adapters/console/console-agents.seed.js';
import { ConsoleCredentialStore } from '../adapters/console/console-credentials.js';
import { consoleKeys } from '../adapters/console/console.keys.js';
import { RedisAgentStore } from '../src/agents/redis-agent.store.js';
import { loadConfig } from '../src/config/config.js';
import { isRedressError } from '../src/errors.js';
import { createRedis } from '../src/redis/redis-connection.js';
import { redisKeys } from '../src/redis/redis-keys.js';

const USAGE = 'usage: create-agent --id <id> --name <name> [--role agent|supervisor] [--limit <amount>|unlimited] (--password <pw> | --password-stdin)';

async function readInput() {
  const { values } = parseArgs({
    options: {
      id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'agent' }, limit: { type: 'string', default: '0' },
      password: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(USAGE);
  const password = values['password-stdin'] ? (await text(process.stdin)).replace(/\r?\n$/, '') : values.password;
  if (!password || password.length < 8) throw new Error(`A password of at least 8 characters is required.\n${USAGE}`);
  const parsed = agentEntry.safeParse({ id: values.id, name: values.name, role: values.role, compensationLimit: values.limit === 'unlimited' ? 'unlimited' : Number(values.limit), password });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n')}\n${USAGE}`);
  return { ...parsed.data, password };
}

async function main(): Promise<void> {
  const input = await readInput();
  const config = loadConfig();
  // Fail fast when Redis is unreachable instead of queueing the commands forever.
  const redis = createRedis(
    { url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES, sentinels: config.REDIS_SENTINELS, sentinelName: config.REDIS_SENTINEL_NAME },
    { maxRetriesPerRequest: 2, retryStrategy: (n) => (n > 3 ? null : 250) },
  );
  try {
    const keys = redisKeys(config.REDIS_KEY_PREFIX);
    const { password, id, name, role, compensationLimit } = input;
    await new RedisAgentStore(redis, keys).upsert({ id, name, role, compensationLimit });
    await new ConsoleCredentialStore(redis, consoleKeys(keys)).setPassword(id, password);
    console.log(`Saved ${role} ${id} (${name}, compensation limit ${compensationLimit}). They can log in at /console.`);
  } finally {
    redis.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(isRedressError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
