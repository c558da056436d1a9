-- The archive: every case at its latest projected version, its whole timeline, consumer profiles and
-- supervisor alerts, projected from the change log (src/archive/archive-projection.ts). Times are epoch ms.

CREATE TABLE archive_cases (
  id                text PRIMARY KEY,
  version           integer NOT NULL,
  status            text NOT NULL,
  is_open           boolean NOT NULL,
  category          text NOT NULL,
  category_group    text NOT NULL,
  tier              text NOT NULL,
  consumer_id       text NOT NULL,
  order_id          text,
  merchant_id       text,
  product_id        text,
  locale            text NOT NULL,
  desired_resolution text NOT NULL,
  assignee_id       text,
  group_complaint   boolean NOT NULL DEFAULT false,
  created_at        bigint NOT NULL,
  updated_at        bigint NOT NULL,
  -- Facts read from the timeline (src/reports/case-facts.ts), kept so reports aggregate in SQL.
  first_response_ms bigint,
  first_response_by text,
  resolve_ms        bigint,
  owner_at_resolve  text,
  reopened          boolean NOT NULL DEFAULT false,
  claimed_by        text[] NOT NULL DEFAULT '{}',
  rating            integer
);
CREATE INDEX archive_cases_created_at ON archive_cases (created_at);
CREATE INDEX archive_cases_consumer ON archive_cases (consumer_id, created_at);
CREATE INDEX archive_cases_order ON archive_cases (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX archive_cases_merchant ON archive_cases (merchant_id, created_at) WHERE merchant_id IS NOT NULL;

-- The whole complaint at that version, apart from the columns above, so report scans stay narrow.
CREATE TABLE archive_case_docs (
  id  text PRIMARY KEY REFERENCES archive_cases (id) ON DELETE CASCADE,
  doc jsonb NOT NULL
);

-- One row per deadline of a case: met_at null while unmet; breach_recorded when an sla_breached event exists.
CREATE TABLE archive_deadlines (
  complaint_id    text NOT NULL REFERENCES archive_cases (id) ON DELETE CASCADE,
  kind            text NOT NULL,
  created_at      bigint NOT NULL,
  due_at          bigint NOT NULL,
  met_at          bigint,
  breach_recorded boolean NOT NULL DEFAULT false,
  PRIMARY KEY (complaint_id, kind)
);
CREATE INDEX archive_deadlines_created_at ON archive_deadlines (created_at);

-- The timeline in Redis is append-only, so an entry's position (seq) names it for good.
CREATE TABLE archive_events (
  complaint_id text NOT NULL,
  seq          integer NOT NULL,
  at           bigint NOT NULL,
  type         text NOT NULL,
  actor_kind   text NOT NULL,
  actor_id     text NOT NULL,
  channel      text,
  data         jsonb,
  PRIMARY KEY (complaint_id, seq)
);

CREATE TABLE archive_profiles (
  consumer_id     text PRIMARY KEY,
  locale          text NOT NULL,
  last_contact_at bigint NOT NULL,
  doc             jsonb NOT NULL
);

-- once_key: the key the alert was raised under (SupervisorAlerts.raise), so a retried alert is one row.
CREATE TABLE archive_alerts (
  once_key text PRIMARY KEY,
  kind     text NOT NULL,
  at       bigint NOT NULL,
  doc      jsonb NOT NULL
);
CREATE INDEX archive_alerts_at ON archive_alerts (at);
