/**
 * Every Redis key Redress writes, in one place (a test fails when a key is built elsewhere). `P` is
 * REDIS_KEY_PREFIX, a plain name such as `redress` (no braces); each key carries the hash tag `{…}` of the
 * entity that must stay together, so Redis Cluster spreads entities over its masters while every multi-key
 * script or MULTI on the hot path touches one slot.
 *
 * Complaint-scoped keys live in one of COMPLAINT_SHARDS shards, `{c<n>}` with n = FNV-1a(complaint id) mod 16:
 * a complaint, its timeline, its change records and the shard's outbox, open zset and status sets. Changing
 * COMPLAINT_SHARDS (or the hash) moves every complaint to other keys: existing data would be orphaned.
 *
 * | key | type | holds |
 * |---|---|---|
 * | `P:{c<n>}:complaint:<id>` | string | Complaint JSON (with `version`) |
 * | `P:{c<n>}:timeline:<id>` | list | TimelineEvent JSON, append-only (RPUSH) |
 * | `P:{c<n>}:chg:<id>:<version>` | string | ChangeRecord JSON: a committed change whose side effects are not all done (7 days) |
 * | `P:{c<n>}:chg:<id>:<version>:progress` | hash | `attempts`, `done:<effect>` for a change whose side effects failed once |
 * | `P:{c<n>}:outbox` | zset | `<id>|<version>` of the shard's pending changes, scored by when their side effects are next due (ms) |
 * | `P:{c<n>}:idx:open` | zset | the shard's open complaint ids scored by priority |
 * | `P:{c<n>}:idx:status:<status>` | set | the shard's complaint ids in that status |
 * | `P:{c<n>}:desk:…` | | the agents' queue index of the shard's open cases (see `desk`; src/agents/case-queue-index.ts) |
 * | `P:{n:<yyyymmdd>}:seq` | string | daily complaint counter (INCR), expires after 3 days |
 * | `P:{u:<consumerId>}:idx:complaints` | zset | the consumer's complaint ids by creation time |
 * | `P:{u:<consumerId>}:profile` | string | ConsumerProfile JSON |
 * | `P:{o:<orderId>}:idx:complaints` | set | complaint ids about that order |
 * | `P:{u:<consumerId>}:idx:archived` / `P:{o:<orderId>}:idx:archived` | string | a case of this consumer / order is in the archive only (src/archive/archive-eviction.ts) |
 * | `P:{m:<merchantId>}:idx:complaints` | zset | complaint ids about that merchant by creation time |
 * | `P:{d:<yyyymmdd>}:idx:created` | zset | complaint ids created that (UTC) day by `createdAt`, for reports by period |
 * | `P:{d}:idx:days` | zset | the days that have a created index (member yyyymmdd, score = the day's start ms) |
 * | `P:{alerts}:log` / `P:{alerts}:seen:<key>` | list / string | AlertRecord JSON newest first (500) / alert already recorded (7 days) |
 * | `P:{a:<agentId>}:agent` / `P:{agents}:ids` | string / set | Agent JSON / all agent ids |
 * | `P:{kb}:articles` / `P:{kb}:replies` / `P:{kb}:seeded` | hash / hash / string | knowledge-base articles and reply templates (id → JSON); the starter set was written once |
 * | `P:{v:<channel>:<conversationId>}:dialog` | string | botbuilder dialog state JSON with eTag |
 * | `P:{v:<channel>:<conversationId>}:lease` | string | the turn lease (SET NX PX) serialising the conversation's turns |
 * | `P:{v:<channel>:<conversationId>}:seen:<messageId>` | string | an inbound message already handled (24 h) |
 * | `P:{v:<channel>:<conversationId>}:link` | string | ConversationLink JSON: the consumer's active complaint in that chat |
 * | `P:{v:<channel>:<conversationId>}:outseq` / `:outdone` | string | next / last delivered outbound seq |
 * | `P:{v:<channel>:<conversationId>}:outkey:<idempotencyKey>` | string | the seq given to that message (7 days) |
 * | `P:{v:<channel>:<conversationId>}:delivered:<idempotencyKey>` | string | marks a delivery done, so a retried job never sends twice (7 days) |
 * | `P:{r:<channel>}:rate` / `P:{r:<channel>}:rate:<conversationId>` | zset | sliding one-second send windows (one script checks both) |
 * | `P:{bullmq:<queue>}:<queue>:…` | BullMQ | each queue under its own tag (`queue(name)` is its BullMQ prefix) |
 * | `P:{s:<dimension>:<id>}:surge` / `:alerted:<level>` | zset / string | surge window / alert raised once per window; dimension merchant, product, courier (the order facts' name folded by src/triage/courier-key.ts) or category |
 * | `P:{retention}:…` | | evidence retention (see `retention`) |
 * | `P:{eviction}:lock` / `P:{eviction}:pending` | string / hash | the archive eviction sweep's lease / id → index entries of a case being evicted (src/archive/archive-eviction.ts) |
 * | `P:{storage}:used` / `P:{storage}:sizes` | string / hash | bytes in the upload store / each stored key's size, for UPLOAD_DISK_QUOTA_MB (QuotaFileStorage) |
 * | `P:{u:<consumerId>}:submitted:<draft fingerprint>` | string | Submission JSON `{id, attached}`: what a confirmed draft became, so a retried confirm files nothing twice (1 day) |
 * | `P:{c<n>}:evq:<id>` / `P:{c<n>}:evbody:<id>` | zset / hash | the case's outgoing events not yet delivered (event id by seq) / their JSON by id |
 * | `P:{c<n>}:evsent:<id>` | string | the highest seq delivered (or given up) for that case, so a re-run change enqueues nothing twice (30 days) |
 * | `P:{c<n>}:evdue` / `P:{c<n>}:evtries` | zset / hash | the shard's cases with events to send, by when next due (ms) / failed attempts at each case's head event |
 * | `P:{events}:log` | list | EventDelivery JSON, newest first (1,000): what the webhook answered |
 * | `P:{readyz}:probe` | string | `/readyz`'s probe write (a timestamp, PX 10 s): proves Redis takes writes |
 * | `P:{replica}:ack` | string | counter written before each `WAIT` (Sentinel/standalone), so the wait covers every complaint write before it |
 * | `P:{c<n>}:ack` | string | the same on a Cluster, in the slot of the cases it covers (WAIT counts the replicas of one node) |
 * | `P:merchant:rl:<name>:<requestId>` | string | rate-limiter-flexible counters of one merchant answer link (page views and posts) |
 * | `P:{migration}:released` | hash | what `npm run migrate:redis` has moved from the released layout (`case:<id>`, `profile:<id>`, `agent:<id>`, `alerts` → when) and `complete:<released prefix>` once a run left nothing behind (src/migration/) |
 * | adapters | | webchat, telegram, slack, console sections below, each with its table in the adapter's keys file |
 *
 * Pub/sub channels (`P:console:events`, `P:webchat:pub:<conversationId>`) are not keys: Cluster broadcasts them.
 */
export type RedisKeys = ReturnType<typeof redisKeys>;

/** Complaint shards. Changing this (or `complaintShard`) orphans every stored complaint: migrate first. */
export const COMPLAINT_SHARDS = 16;

/** FNV-1a (32-bit) of the id mod COMPLAINT_SHARDS: stable across processes, versions and platforms. */
export function complaintShard(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % COMPLAINT_SHARDS;
}

/** `yyyymmdd` (UTC) of an epoch-ms time. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}

/** A Slack message ref as SlackMessageStore stores it, or null when `raw` is not one. */
function parseRef(raw: string | null): { channel: string; ts: string } | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { channel?: unknown; ts?: unknown };
    return typeof v.channel === 'string' && typeof v.ts === 'string' ? { channel: v.channel, ts: v.ts } : null;
  } catch {
    return null;
  }
}

/** botbuilder's ConversationState storage key: `<channelId>/conversations/<conversationId>/<namespace>` (namespace often ''). */
const CONVERSATION_STATE = /^([^/]+)\/conversations\/(.+)\/([^/]*)$/;

export function redisKeys(prefix: string) {
  const tag = (t: string) => `${prefix}:{${t}}`;
  const shard = (n: number) => tag(`c${n}`);
  const c = (id: string) => shard(complaintShard(id));
  const convo = (channel: string, conversationId: string) => tag(`v:${channel}:${conversationId}`);
  const shards = Array.from({ length: COMPLAINT_SHARDS }, (_, n) => n);
  const slackMessage = (complaintId: string) => `${c(complaintId)}:slack:msg:${complaintId}`;
  const slackVersion = (complaintId: string) => `${c(complaintId)}:slack:ver:${complaintId}`;
  const slackAnnounce = (complaintId: string) => `${c(complaintId)}:slack:announce:${complaintId}`;
  const slackThread = (channel: string, ts: string) => `${tag(`st:${channel}:${ts}`)}:slack:thread`;

  return {
    prefix,
    /** 0 … COMPLAINT_SHARDS-1, for reading every shard. */
    shards: () => shards,
    shardOf: complaintShard,
    complaint: (id: string) => `${c(id)}:complaint:${id}`,
    timeline: (id: string) => `${c(id)}:timeline:${id}`,
    open: (n: number) => `${shard(n)}:idx:open`,
    byStatus: (status: string, n: number) => `${shard(n)}:idx:status:${status}`,
    /** Change records of shard n share this prefix, so the claim script can name them from an outbox member. */
    changeRecordPrefix: (n: number) => `${shard(n)}:chg:`,
    changeRecord: (id: string, version: number) => `${c(id)}:chg:${id}:${version}`,
    changeProgress: (id: string, version: number) => `${c(id)}:chg:${id}:${version}:progress`,
    outbox: (n: number) => `${shard(n)}:outbox`,
    seq: (day: string) => `${tag(`n:${day}`)}:seq`,
    byConsumer: (consumerId: string) => `${tag(`u:${consumerId}`)}:idx:complaints`,
    consumer: (consumerId: string) => `${tag(`u:${consumerId}`)}:profile`,
    byOrder: (orderId: string) => `${tag(`o:${orderId}`)}:idx:complaints`,
    /** Set by the eviction sweep once a case of this consumer / order left Redis: only then do lists ask the archive. */
    archivedByConsumer: (consumerId: string) => `${tag(`u:${consumerId}`)}:idx:archived`,
    archivedByOrder: (orderId: string) => `${tag(`o:${orderId}`)}:idx:archived`,
    byMerchant: (merchantId: string) => `${tag(`m:${merchantId}`)}:idx:complaints`,
    created: (day: string) => `${tag(`d:${day}`)}:idx:created`,
    createdDays: () => `${tag('d')}:idx:days`,
    alerts: () => `${tag('alerts')}:log`,
    alertSeen: (key: string) => `${tag('alerts')}:seen:${key}`,
    agent: (id: string) => `${tag(`a:${id}`)}:agent`,
    agents: () => `${tag('agents')}:ids`,
    /** The knowledge base (src/agents/knowledge-base.ts): small, read whole, one slot. */
    kb: {
      articles: () => `${tag('kb')}:articles`,
      replies: () => `${tag('kb')}:replies`,
      seeded: () => `${tag('kb')}:seeded`,
    },
    /** Dialog state; a ConversationState key shares its conversation's tag (so the state write and the lease release are one MULTI). */
    dialog: (storageKey: string) => {
      const m = CONVERSATION_STATE.exec(storageKey);
      if (!m) return `${tag(`k:${storageKey}`)}:dialog`;
      return m[3] ? `${convo(m[1]!, m[2]!)}:dialog:${m[3]}` : `${convo(m[1]!, m[2]!)}:dialog`;
    },
    /** What every key of one conversation starts with (`P:{v:<channel>:<id>}`): erasure deletes them all by it. */
    conversationTag: (channel: string, conversationId: string) => convo(channel, conversationId),
    turnLease: (channel: string, conversationId: string) => `${convo(channel, conversationId)}:lease`,
    seen: (channel: string, conversationId: string, messageId: string) => `${convo(channel, conversationId)}:seen:${messageId}`,
    conversation: (channel: string, conversationId: string) => `${convo(channel, conversationId)}:link`,
    outSeq: (channel: string, conversationId: string) => `${convo(channel, conversationId)}:outseq`,
    outDone: (channel: string, conversationId: string) => `${convo(channel, conversationId)}:outdone`,
    outKey: (channel: string, conversationId: string, idempotencyKey: string) => `${convo(channel, conversationId)}:outkey:${idempotencyKey}`,
    delivered: (channel: string, conversationId: string, idempotencyKey: string) => `${convo(channel, conversationId)}:delivered:${idempotencyKey}`,
    /** Send windows of one channel share its tag: the rate script checks the conversation's and the channel's together. */
    rate: (channel: string, conversationId: string) => `${tag(`r:${channel}`)}:rate:${conversationId}`,
    channelRate: (channel: string) => `${tag(`r:${channel}`)}:rate`,
    /**
     * A BullMQ queue's prefix: each queue under its own tag (BullMQ needs all of one queue's keys in one slot).
     * The queues are the busiest single slots (about half of all commands); with these tags delivery, sla and
     * reminder fall in different thirds of the slot space, i.e. on different masters of an evenly split
     * 3-master Cluster (a test pins it). `{q:delivery}` and `{q:sla}` shared a third: that master served 46–48%.
     */
    queue: (name: string) => tag(`bullmq:${name}`),
    submission: (consumerId: string, fingerprint: string) => `${tag(`u:${consumerId}`)}:submitted:${fingerprint}`,
    /** Outgoing events (src/events/): a case's queue, bodies and high-water mark share its shard with the shard's due set. */
    events: {
      queue: (id: string) => `${c(id)}:evq:${id}`,
      bodies: (id: string) => `${c(id)}:evbody:${id}`,
      sent: (id: string) => `${c(id)}:evsent:${id}`,
      due: (n: number) => `${shard(n)}:evdue`,
      tries: (n: number) => `${shard(n)}:evtries`,
      log: () => `${tag('events')}:log`,
    },
    readiness: () => `${tag('readyz')}:probe`,
    replicaAck: () => `${tag('replica')}:ack`,
    replicaAckInShard: (n: number) => `${shard(n)}:ack`,
    surge: (dimension: string, id: string) => `${tag(`s:${dimension}:${id}`)}:surge`,
    surgeAlerted: (level: string, dimension: string, id: string) => `${tag(`s:${dimension}:${id}`)}:alerted:${level}`,
    retention: {
      due: () => `${tag('retention')}:due`,
      stored: () => `${tag('retention')}:stored`,
      backfilled: () => `${tag('retention')}:backfilled`,
      lock: () => `${tag('retention')}:lock`,
    },
    /**
     * The archive eviction sweep (src/archive/archive-eviction.ts): `lock` its lease (SET NX PX, one process sweeps);
     * `pending` hash id → JSON of the index entries outside the case's slot, written before the case is deleted and
     * removed once those entries are gone, so a sweep that dies in between finishes the case on its next run.
     */
    eviction: {
      lock: () => `${tag('eviction')}:lock`,
      pending: () => `${tag('eviction')}:pending`,
    },
    /**
     * The agents' queue (src/agents/case-queue-index.ts): per complaint shard, open cases only, written by the
     * `queue-index` side effect, so a page reads a page's rows and never every case. In shard n:
     * `desk:rows` hash id → row JSON · `desk:ver` hash id → version indexed (older writes are dropped) ·
     * `desk:members` hash id → JSON list of the sets below it is in · `desk:sort:<priority|created|updated>` zset ·
     * `desk:f:<field>:<value>` set per filter value · `desk:t:<token>` set per search token ·
     * `desk:tmp:<random>` a page query's intersection (deleted by the same script). The scripts build the set keys
     * from `desk.prefix(n)` and a member's suffix (all in the shard's slot).
     */
    desk: {
      prefix: (n: number) => `${shard(n)}:desk:`,
      rows: (n: number) => `${shard(n)}:desk:rows`,
      versions: (n: number) => `${shard(n)}:desk:ver`,
      members: (n: number) => `${shard(n)}:desk:members`,
      sort: (n: number, by: string) => `${shard(n)}:desk:sort:${by}`,
      filter: (n: number, field: string, value: string) => `${shard(n)}:desk:f:${field}:${value}`,
      term: (n: number, token: string) => `${shard(n)}:desk:t:${token}`,
      scratch: (n: number, id: string) => `${shard(n)}:desk:tmp:${id}`,
    },
    /** Progress of the migration from the released key layout (see `releasedKeys`); one small hash. */
    migration: () => `${tag('migration')}:released`,
    /** The upload store's usage (src/storage/quota-file.storage.ts); one tag, so both change in one MULTI. */
    storage: {
      usedBytes: () => `${tag('storage')}:used`,
      sizes: () => `${tag('storage')}:sizes`,
    },
    /** See adapters/webchat/webchat-keys.ts. A conversation's keys share the bot's conversation tag. */
    webchat: {
      seq: (conversationId: string) => `${convo('webchat', conversationId)}:webchat:seq`,
      history: (conversationId: string) => `${convo('webchat', conversationId)}:webchat:history`,
      sent: (conversationId: string, idempotencyKey: string) => `${convo('webchat', conversationId)}:webchat:out:${idempotencyKey}`,
      dedupe: (conversationId: string, clientId: string) => `${convo('webchat', conversationId)}:webchat:dedupe:${clientId}`,
      /** A session's message count in the current rate window; in its conversation's slot, so the inbound script can check it. */
      sessionRate: (conversationId: string, sessionId: string) => `${convo('webchat', conversationId)}:webchat:rl:${sessionId}`,
      session: (sessionId: string) => `${tag(`ws:${sessionId}`)}:webchat:session`,
      shopUser: (shopUserId: string) => `${tag(`wu:${shopUserId}`)}:webchat:user`,
      upload: (attachmentId: string) => `${tag(`wf:${attachmentId}`)}:webchat:upload`,
      secret: () => `${tag('webchat')}:secret`,
      /** rate-limiter-flexible appends `:<key>`; no tag, so each limited key hashes on its whole name. */
      rateLimitPrefix: (name: string) => `${prefix}:webchat:rl:${name}`,
      channel: (conversationId: string) => `${prefix}:webchat:pub:${conversationId}`,
    },
    /** See adapters/telegram/telegram-keys.ts. */
    telegram: {
      /** By the value's hash: a press carries only the hash, not its chat. */
      callback: (hash: string) => `${tag(`tc:${hash}`)}:telegram:cb`,
      groupNotice: (chatId: string) => `${convo('telegram', chatId)}:telegram:group-notice`,
      /** A chat's inbound updates in one minute's window (`window` = epoch minute). */
      inboundRate: (chatId: string, window: number) => `${convo('telegram', chatId)}:telegram:rl:${window}`,
    },
    /** See adapters/slack/slack.keys.ts. A case's Slack keys live in the case's shard. */
    slack: {
      message: slackMessage,
      thread: slackThread,
      echo: (complaintId: string, hash: string) => `${c(complaintId)}:slack:echo:${complaintId}:${hash}`,
      version: slackVersion,
      event: (eventId: string) => `${tag(`se:${eventId}`)}:slack:event`,
      line: (complaintId: string, version: number, n: number) => `${c(complaintId)}:slack:line:${complaintId}:${version}:${n}`,
      alert: (hash: string) => `${tag(`sa:${hash}`)}:slack:alert`,
      announce: slackAnnounce,
      problem: (code: string, complaintId?: string) => `${tag('slack')}:problem:${code}:${complaintId ?? '-'}`,
      /**
       * The case's Slack keys in its shard that outlive ARCHIVE_AFTER_DAYS (message ref, version shown, a stray
       * announce lease), for archive eviction to delete with the case. `line` marks (30 days) and `echo` (60 s)
       * end on their own; the thread key is in another slot: see `threadOfRef`.
       */
      caseKeys: (complaintId: string) => [slackMessage(complaintId), slackVersion(complaintId), slackAnnounce(complaintId)],
      /** The thread key a stored message ref (the value of `message`, `{"channel","ts"}`) points back from; null for anything else. */
      threadOfRef: (raw: string | null): string | null => {
        const ref = parseRef(raw);
        return ref ? slackThread(ref.channel, ref.ts) : null;
      },
    },
    /** The merchant's answer page (adapters/merchant): rate-limiter-flexible appends `:<requestId>`; no tag, each key hashes on its whole name. */
    merchant: {
      rateLimitPrefix: (name: string) => `${prefix}:merchant:rl:${name}`,
    },
    /** See adapters/console/console.keys.ts. */
    console: {
      credential: (agentId: string) => `${tag(`a:${agentId}`)}:console:cred`,
      session: (sessionId: string) => `${tag(`cs:${sessionId}`)}:console:session`,
      /** Both login counters share one tag: one MULTI counts the agent's and the client's attempts. */
      loginAttempts: (scope: 'agent' | 'ip' | 'pair' | 'delay', id: string) => `${tag('login')}:console:login:${scope}:${id}`,
      events: () => `${prefix}:console:events`,
    },
  };
}

/**
 * The released layout (Redress up to 94f55dc), read and deleted only by the migration (src/migration/): every key
 * under one prefix `R`, a hash tag such as `{redress}`, so all of them sit in one slot (one master).
 *
 * | key | type | holds |
 * |---|---|---|
 * | `R:complaint:<id>` / `R:timeline:<id>` | string / list | Complaint JSON / TimelineEvent JSON, in order |
 * | `R:seq:<yyyymmdd>` | string | daily complaint counter (3 days) |
 * | `R:idx:status:<status>` / `R:idx:open` | set / zset | ids by status / open ids by priority |
 * | `R:idx:consumer:<consumerId>` / `R:idx:merchant:<merchantId>` / `R:idx:created` | zset | ids by creation time |
 * | `R:idx:order:<orderId>` | set | ids about that order |
 * | `R:alerts` | list | AlertRecord JSON, newest first |
 * | `R:consumer:<consumerId>` | string | ConsumerProfile JSON |
 * | `R:agent:<id>` / `R:agents` | string / set | Agent JSON / agent ids |
 * | `R:console:cred:<agentId>` | string | the console's PasswordHash JSON |
 * | `R:webchat:session:<id>` / `R:webchat:user:<shopUserId>` / `R:webchat:secret` | string | widget session / a shop user's conversation / generated session secret |
 *
 * Dialog state, locks, delivery marks, conversation links and the adapters' other keys (`R:dialog:…`, `R:convo:…`,
 * `R:webchat:history:…`, `R:slack:…`, …) and the BullMQ queues (`R:<queue>:…`) are not migrated (README, Upgrading).
 */
export function releasedKeys(prefix: string) {
  const p = (rest: string) => `${prefix}:${rest}`;
  return {
    prefix,
    /** SCAN MATCH pattern of every released key (a prefix's glob characters escaped; braces are not glob in Redis). */
    all: () => `${prefix.replace(/[[\]*?\\]/g, (ch) => `\\${ch}`)}:*`,
    complaint: (id: string) => p(`complaint:${id}`),
    timeline: (id: string) => p(`timeline:${id}`),
    seq: (day: string) => p(`seq:${day}`),
    byStatus: (status: string) => p(`idx:status:${status}`),
    open: () => p('idx:open'),
    byConsumer: (consumerId: string) => p(`idx:consumer:${consumerId}`),
    byOrder: (orderId: string) => p(`idx:order:${orderId}`),
    byMerchant: (merchantId: string) => p(`idx:merchant:${merchantId}`),
    created: () => p('idx:created'),
    alerts: () => p('alerts'),
    consumer: (consumerId: string) => p(`consumer:${consumerId}`),
    agent: (id: string) => p(`agent:${id}`),
    agents: () => p('agents'),
    credential: (agentId: string) => p(`console:cred:${agentId}`),
    /** The widget's session records, shop-user → conversation records and generated secret (same JSON since). */
    webchatSession: (sessionId: string) => p(`webchat:session:${sessionId}`),
    webchatShopUser: (shopUserId: string) => p(`webchat:user:${shopUserId}`),
    webchatSecret: () => p('webchat:secret'),
  };
}
export type ReleasedKeys = ReturnType<typeof releasedKeys>;
