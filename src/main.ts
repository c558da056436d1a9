#!/usr/bin/env node
/**
 * `npm start` / `redress [--role all|web|worker]`: load config, make sure Redis is there, build the app,
 * serve, and shut down gracefully on SIGINT/SIGTERM. The only module that exits the process.
 */
import { loadConfig } from './config/config.js';
import { createApp, type Role } from './composition/create-app.js';
import { isRedressError } from './errors.js';
import { createLogger } from './logging/logger.js';
import { ensureRedis } from './redis/local-redis.js';

function roleFromArgs(argv: string[]): Role {
  const i = argv.indexOf('--role');
  const role = i >= 0 ? argv[i + 1] : 'all';
  if (role === 'all' || role === 'web' || role === 'worker') return role;
  console.error(`Unknown role "${role}". Use --role all, --role web or --role worker.`);
  process.exit(2);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(isRedressError(err) ? err.message : err);
    process.exit(2);
  }
  const logger = createLogger(config.LOG_LEVEL);
  const role = roleFromArgs(process.argv.slice(2));
  const localRedis = config.REDIS_CLUSTER_NODES.length || config.REDIS_SENTINELS.length
    ? undefined
    : await ensureRedis(config.REDIS_URL, config.redisAutostart, logger).catch((err: unknown) => {
      // The message alone (never the URL): it names the host, and says when Redis refused the password.
      if (isRedressError(err)) logger.fatal({ code: err.code }, err.message);
      else logger.fatal({ err }, 'redis unavailable');
      process.exit(1);
    });
  const app = await createApp(config, { logger, role }).catch((err: unknown) => {
    // A coded failure at start-up (the embedded archive already open elsewhere, a failed migration) says what to do.
    if (isRedressError(err)) logger.fatal({ code: err.code }, err.message);
    else logger.fatal({ err }, 'start-up failed');
    localRedis?.kill('SIGTERM');
    process.exit(1);
  });
  const url = await app.start();
  const shown = url.replace('0.0.0.0', 'localhost');
  logger.info({ role, url: shown }, `Redress is running: shop demo ${shown}/ — agent console ${shown}/console`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight turns and jobs');
    const force = setTimeout(() => process.exit(1), 20_000).unref();
    await app.close();
    localRedis?.kill('SIGTERM');
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
