import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { ConsoleKeys } from './console.keys.js';

/** Stored form of a password: scrypt parameters, salt and derived key (base64). */
export interface PasswordHash {
  algo: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

const PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return { algo: 'scrypt', ...PARAMS, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), { N: stored.N, r: stored.r, p: stored.p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// Verified against when the agent id is unknown, so a wrong id costs as much time as a wrong password.
let decoy: Promise<PasswordHash> | undefined;

/** Console passwords, one per agent, hashed with scrypt and a per-agent salt. */
export class ConsoleCredentialStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ConsoleKeys,
  ) {}

  async get(agentId: string): Promise<PasswordHash | null> {
    const raw = await this.redis.get(this.keys.credential(agentId));
    return raw ? (JSON.parse(raw) as PasswordHash) : null;
  }

  async setPassword(agentId: string, password: string): Promise<void> {
    await this.redis.set(this.keys.credential(agentId), JSON.stringify(await hashPassword(password)));
  }

  /** Sets the password unless the stored hash already matches it (restarts keep the same salt). */
  async ensurePassword(agentId: string, password: string): Promise<boolean> {
    const stored = await this.get(agentId);
    if (stored && (await verifyPassword(password, stored))) return false;
    await this.setPassword(agentId, password);
    return true;
  }

  async verify(agentId: string, password: string): Promise<boolean> {
    const stored = await this.get(agentId);
    if (!stored) {
      decoy ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(password, await decoy);
      return false;
    }
    return verifyPassword(password, stored);
  }

  async hasAny(agentIds: string[]): Promise<boolean> {
    if (!agentIds.length) return false;
    const n = await this.redis.exists(...agentIds.map((id) => this.keys.credential(id)));
    return n > 0;
  }
}
