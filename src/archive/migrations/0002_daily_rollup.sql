-- Daily rollups of the report's additive counts (src/archive/archive-report-rollup.ts), so a 92-day report sums a
-- few thousand rows instead of scanning every case; percentiles still read the cases. Kept by statement triggers
-- on archive_cases, in the writer's transaction: every path that writes a case row (the projection's upsert, an
-- erasure's pseudonym, a bulk load) moves its counts, an update taking the old version out and the new one in.
-- No personal data: the keys are days, categories, statuses, agent, merchant and product ids.

-- What one case adds (s = 1) or takes away (s = -1) to its day's bucket; the report scans a period's ragged
-- edges (parts of a day) through the same function, so the two cannot disagree.
CREATE FUNCTION archive_case_tally(c archive_cases, s integer) RETURNS TABLE (
  day bigint, category text, category_group text, tier text, status text, cases integer, open integer,
  fr_n integer, rs_n integer, rated integer, rating_sum bigint, r1 integer, r2 integer, r3 integer, r4 integer, r5 integer,
  reopened integer, group_n integer
) LANGUAGE sql IMMUTABLE AS $$
  SELECT c.created_at - c.created_at % 86400000, c.category, c.category_group, c.tier, c.status, s, s * c.is_open::int,
    s * (c.first_response_ms IS NOT NULL)::int, s * (c.resolve_ms IS NOT NULL)::int, s * (c.rating IS NOT NULL)::int,
    s * COALESCE(c.rating, 0)::bigint, s * (c.rating IS NOT DISTINCT FROM 1)::int, s * (c.rating IS NOT DISTINCT FROM 2)::int,
    s * (c.rating IS NOT DISTINCT FROM 3)::int, s * (c.rating IS NOT DISTINCT FROM 4)::int, s * (c.rating IS NOT DISTINCT FROM 5)::int,
    s * (c.resolve_ms IS NOT NULL AND c.reopened)::int, s * c.group_complaint::int
$$;

-- The counts by key: 'claimed' (each entry of claimed_by), 'replied' (first_response_by), 'resolved' (owner_at_resolve, with the ratings),
-- 'merchant' (by category too, for the merchant-caused count) and 'product'.
CREATE FUNCTION archive_case_keys(c archive_cases, s integer) RETURNS TABLE (
  day bigint, facet text, key text, category text, n integer, rated integer, rating_sum bigint
) LANGUAGE sql IMMUTABLE AS $$
  SELECT c.created_at - c.created_at % 86400000, k.facet, k.key, k.category, s, s * k.rated, s * k.rating_sum
  FROM (
    SELECT 'claimed' AS facet, a AS key, '' AS category, 0 AS rated, 0::bigint AS rating_sum FROM unnest(c.claimed_by) AS a
    UNION ALL SELECT 'replied', c.first_response_by, '', 0, 0 WHERE c.first_response_by IS NOT NULL
    UNION ALL SELECT 'resolved', c.owner_at_resolve, '', (c.rating IS NOT NULL)::int, COALESCE(c.rating, 0)::bigint WHERE c.owner_at_resolve IS NOT NULL
    UNION ALL SELECT 'merchant', c.merchant_id, c.category, 0, 0 WHERE c.merchant_id IS NOT NULL AND c.merchant_id <> ''
    UNION ALL SELECT 'product', c.product_id, '', 0, 0 WHERE c.product_id IS NOT NULL AND c.product_id <> ''
  ) AS k
$$;

-- day: the UTC day the cases were created (epoch ms of its midnight). A bucket emptied by updates stays, at zero.
CREATE TABLE archive_daily_cases (
  day bigint NOT NULL, category text NOT NULL, category_group text NOT NULL, tier text NOT NULL, status text NOT NULL,
  cases integer NOT NULL, open integer NOT NULL, fr_n integer NOT NULL, rs_n integer NOT NULL, rated integer NOT NULL,
  rating_sum bigint NOT NULL, r1 integer NOT NULL, r2 integer NOT NULL, r3 integer NOT NULL, r4 integer NOT NULL,
  r5 integer NOT NULL, reopened integer NOT NULL, group_n integer NOT NULL,
  PRIMARY KEY (day, category, category_group, tier, status)
);

CREATE TABLE archive_daily_keys (
  day bigint NOT NULL, facet text NOT NULL, key text NOT NULL, category text NOT NULL,
  n integer NOT NULL, rated integer NOT NULL, rating_sum bigint NOT NULL,
  PRIMARY KEY (day, facet, key, category)
);

-- Moves cases between buckets: `added` in (their new versions), `removed` out (their old ones), in one statement
-- per table whose buckets are written in key order, so that two transactions moving cases between the same
-- buckets lock them in the same order (no deadlock). Static SQL in PL/pgSQL: each connection plans it once.
CREATE FUNCTION archive_rollup_move(added archive_cases[], removed archive_cases[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO archive_daily_cases AS r
  SELECT t.day, t.category, t.category_group, t.tier, t.status, sum(t.cases), sum(t.open), sum(t.fr_n), sum(t.rs_n),
    sum(t.rated), sum(t.rating_sum), sum(t.r1), sum(t.r2), sum(t.r3), sum(t.r4), sum(t.r5), sum(t.reopened), sum(t.group_n)
  FROM (SELECT a::archive_cases AS c, 1 AS s FROM unnest(added) AS a UNION ALL SELECT d::archive_cases, -1 FROM unnest(removed) AS d) AS x,
    LATERAL archive_case_tally(x.c, x.s) AS t
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, category, category_group, tier, status) DO UPDATE SET
    cases = r.cases + EXCLUDED.cases, open = r.open + EXCLUDED.open, fr_n = r.fr_n + EXCLUDED.fr_n,
    rs_n = r.rs_n + EXCLUDED.rs_n, rated = r.rated + EXCLUDED.rated, rating_sum = r.rating_sum + EXCLUDED.rating_sum,
    r1 = r.r1 + EXCLUDED.r1, r2 = r.r2 + EXCLUDED.r2, r3 = r.r3 + EXCLUDED.r3, r4 = r.r4 + EXCLUDED.r4,
    r5 = r.r5 + EXCLUDED.r5, reopened = r.reopened + EXCLUDED.reopened, group_n = r.group_n + EXCLUDED.group_n;
  INSERT INTO archive_daily_keys AS r
  SELECT k.day, k.facet, k.key, k.category, sum(k.n), sum(k.rated), sum(k.rating_sum)
  FROM (SELECT a::archive_cases AS c, 1 AS s FROM unnest(added) AS a UNION ALL SELECT d::archive_cases, -1 FROM unnest(removed) AS d) AS x,
    LATERAL archive_case_keys(x.c, x.s) AS k
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, facet, key, category) DO UPDATE SET
    n = r.n + EXCLUDED.n, rated = r.rated + EXCLUDED.rated, rating_sum = r.rating_sum + EXCLUDED.rating_sum;
END
$$;

-- A transition table's row is a plain record, hence the casts; each event names only the tables it has.
CREATE FUNCTION archive_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM archive_rollup_move(ARRAY(SELECT n::archive_cases FROM new_rows n), '{}');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM archive_rollup_move('{}', ARRAY(SELECT o::archive_cases FROM old_rows o));
  ELSE
    PERFORM archive_rollup_move(ARRAY(SELECT n::archive_cases FROM new_rows n), ARRAY(SELECT o::archive_cases FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;

-- Each agent's first-reply times in a period, read agent by agent (src/archive/archive-report-scans.ts) without
-- sorting the whole period by agent.
CREATE INDEX archive_cases_first_response ON archive_cases (first_response_by, created_at) INCLUDE (first_response_ms)
  WHERE first_response_by IS NOT NULL;

-- One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
CREATE TRIGGER archive_rollup_insert AFTER INSERT ON archive_cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION archive_rollup_apply();
CREATE TRIGGER archive_rollup_update AFTER UPDATE ON archive_cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION archive_rollup_apply();
CREATE TRIGGER archive_rollup_delete AFTER DELETE ON archive_cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION archive_rollup_apply();

-- The cases archived before this migration.
INSERT INTO archive_daily_cases
SELECT t.day, t.category, t.category_group, t.tier, t.status, sum(t.cases), sum(t.open), sum(t.fr_n), sum(t.rs_n),
  sum(t.rated), sum(t.rating_sum), sum(t.r1), sum(t.r2), sum(t.r3), sum(t.r4), sum(t.r5), sum(t.reopened), sum(t.group_n)
FROM archive_cases c, LATERAL archive_case_tally(c, 1) AS t GROUP BY 1, 2, 3, 4, 5;
INSERT INTO archive_daily_keys
SELECT k.day, k.facet, k.key, k.category, sum(k.n), sum(k.rated), sum(k.rating_sum)
FROM archive_cases c, LATERAL archive_case_keys(c, 1) AS k GROUP BY 1, 2, 3, 4;
