/**
 * Counts what one ioredis client sends while `recording`: every command (name and which of our key
 * families it touches) and every round trip. A round trip starts when a command is sent while none is in
 * flight, so commands written together (a pipeline, a MULTI, or two sent before either reply came back)
 * count as one wait. Exact only while nothing else uses the client: the bench records sequential turns
 * before any BullMQ worker starts.
 */
import net from 'node:net';
import type { Redis } from 'ioredis';

export interface SentCommand {
  name: string;
  /** `gate`, `state`, `queue:<name>`, `store` (complaints, profiles, indexes), or `-` (MULTI/EXEC). */
  family: string;
  /** 1-based round trip within the recording. */
  trip: number;
  phase: string;
}

interface CommandLike {
  name: string;
  args: unknown[];
  promise: Promise<unknown>;
}

export class RedisTrips {
  recording = false;
  /** Set by the caller around work it wants told apart (e.g. `service` while ComplaintService runs). */
  phase = 'turn';
  commands: SentCommand[] = [];
  /** The phase each round trip started in. */
  trips: string[] = [];
  private inFlight = 0;

  constructor(redis: Redis, private readonly prefix: string, private readonly queues: readonly string[]) {
    const send = redis.sendCommand.bind(redis) as (...a: unknown[]) => unknown;
    (redis as unknown as { sendCommand: (...a: unknown[]) => unknown }).sendCommand = (command: unknown, ...rest: unknown[]) => {
      const result = send(command, ...rest);
      if (this.recording) this.note(command as CommandLike);
      return result;
    };
  }

  reset(): void {
    this.commands = [];
    this.trips = [];
  }

  private note(cmd: CommandLike): void {
    if (this.inFlight++ === 0) this.trips.push(this.phase);
    const done = () => { this.inFlight--; };
    cmd.promise.then(done, done);
    this.commands.push({ name: cmd.name.toUpperCase(), family: this.familyOf(cmd), trip: this.trips.length, phase: this.phase });
  }

  private familyOf(cmd: CommandLike): string {
    const key = cmd.args.map(String).find((a) => a.startsWith(`${this.prefix}:`)); // key-registry: reads
    if (!key) return '-';
    const rest = key.slice(this.prefix.length + 1);
    // Keys are `P:{tag}:name…` (see redis-keys.ts): a conversation's lease and seen marks, its dialog state, a queue.
    if (rest.startsWith('{v:') && /\}:(lease|seen:)/.test(rest)) return 'gate';
    if (rest.startsWith('{v:') && rest.includes('}:dialog')) return 'state';
    const queue = this.queues.find((q) => rest.startsWith(`{bullmq:${q}}:`));
    return queue ? `queue:${queue}` : 'store';
  }
}

/**
 * Round trips as the server sees them, on every connection of every client (BullMQ's included): Redis counts
 * each read event it processes (`total_reads_processed` in INFO stats), and commands written together arrive in
 * one read. `measure` subtracts its own INFO call, so nothing else may use the server meanwhile for an exact count.
 */
export class ServerTrips {
  constructor(private readonly redis: Redis) {}

  async reads(): Promise<number> {
    const info = await this.redis.info('stats');
    return Number(/total_reads_processed:(\d+)/.exec(info)?.[1] ?? NaN);
  }

  /**
   * Round trips `work` made on the server, over all connections. `work` may call `mark()` once (e.g. when the
   * consumer sees the reply): `atMark` is the count up to then (its own INFO not counted), else equal to `all`.
   */
  async measure(work: (mark: () => Promise<void>) => Promise<unknown>): Promise<{ all: number; atMark: number }> {
    const before = await this.reads();
    let marked: number | undefined;
    let ownReads = 1;
    await work(async () => {
      marked = (await this.reads()) - before - ownReads;
      ownReads++;
    });
    await new Promise((r) => setTimeout(r, 20));
    const all = (await this.reads()) - before - ownReads;
    return { all, atMark: marked ?? all };
  }
}

/**
 * Writes to Redis from this process, counted in the process: every `write` on a socket to the server's port
 * (every connection of every client, BullMQ's included; a pipeline or an auto-pipelined batch is one write).
 * The server may read two writes that arrive together as one, so this is at most what the server counts: it is
 * used where the server cannot tell when something happened, such as how many round trips a turn made before its
 * commit (the first write that `isMark` matches, e.g. the MULTI that writes the dialog state).
 */
/** The recorders now measuring; `net.Socket.prototype.write` is wrapped once, however many ClientWrites exist. */
const recorders = new Set<(socket: net.Socket, chunk: unknown) => void>();
const originalWrite = net.Socket.prototype.write;
let wrapped = false;

export class ClientWrites {
  private writes: string[] | null = null;
  private readonly note = (socket: net.Socket, chunk: unknown) => {
    if (this.writes && socket.remotePort === this.port && !this.ignoreLocalPorts().includes(socket.localPort ?? -1)) {
      this.writes.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('latin1') : '');
    }
  };

  constructor(private readonly port: number, private readonly ignoreLocalPorts: () => number[]) {
    if (wrapped) return;
    wrapped = true;
    net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
      for (const note of recorders) note(this, chunk);
      return (originalWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof originalWrite;
  }

  /**
   * Writes `work` made in all, and up to and including the first that `isMark` matches (all, if none did). Writes
   * `isBackground` matches are timers' of the process, not the work's, and are not counted.
   */
  async measure(work: () => Promise<unknown>, isMark: (written: string) => boolean, isBackground?: (written: string) => boolean): Promise<{ all: number; toMark: number }> {
    this.writes = [];
    recorders.add(this.note);
    try {
      await work();
      await new Promise((r) => setTimeout(r, 20));
      const writes = isBackground ? this.writes.filter((w) => !isBackground(w)) : this.writes;
      const at = writes.findIndex(isMark);
      return { all: writes.length, toMark: at < 0 ? writes.length : at + 1 };
    } finally {
      recorders.delete(this.note);
      this.writes = null;
    }
  }
}
