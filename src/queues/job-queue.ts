import { Queue, Worker, type Processor, type WorkerOptions } from 'bullmq';
import type { Logger } from '../logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { QUICK_RECOVERY } from './queue-names.js';

/**
 * One BullMQ queue and (in worker processes) its worker, with the plumbing every Redress queue shares:
 * the key prefix, connection errors reported to the logger (ioredis reconnects by itself), quick recovery of
 * jobs whose worker lost Redis, and one `close`.
 */
export abstract class JobQueue<T> {
  readonly queue: Queue<T>;
  protected worker: Worker<T> | undefined;

  protected constructor(
    readonly name: string,
    protected readonly redis: RedisClient,
    protected readonly prefix: string,
    protected readonly logger: Logger,
  ) {
    this.queue = new Queue<T>(name, { connection: redis, prefix });
    this.queue.on('error', (err) => logger.warn({ err: err.message, queue: name }, 'queue connection error'));
  }

  protected startProcessing(processor: Processor<T>, options: Partial<WorkerOptions> = {}): Worker<T> {
    this.worker = new Worker<T>(this.name, processor, { connection: this.redis, prefix: this.prefix, ...QUICK_RECOVERY, ...options });
    this.worker.on('error', (err) => this.logger.warn({ err: err.message, queue: this.name }, 'worker error'));
    return this.worker;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
