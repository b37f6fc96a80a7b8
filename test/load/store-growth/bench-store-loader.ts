import { Client } from 'pg';

/**
 * Loads generated feedback straight into a benchmark store, in the rows the pipeline writes for each item:
 * feedback (+ its identity), analyses, feedback_facts, complaint_texts for unthemed negatives, one case and
 * alert per fiftieth detractor, and the rollups (hour, day, week × all themes + each theme) folded from the
 * facts with the rollup writer's arithmetic. Items are generated in SQL (generate_series into an UNLOGGED
 * staging table, then INSERT … SELECT per table), which is what makes ten million rows a matter of minutes.
 */

export interface LoadChunk {
  tenantId: string;
  /** First and last-but-one item number (external id `b-<n>`), so chunks of one tenant never collide. */
  first: number;
  count: number;
  from: Date;
  to: Date;
}

const STAGE = `
  CREATE UNLOGGED TABLE IF NOT EXISTS bench_items (
    event_id uuid, tenant_id text, n bigint, occurred_at timestamptz, touchpoint text, channel text, segment text,
    customer text, customer_value double precision, nps smallint, csat smallint, ces smallint,
    label text, score double precision, themes text[])`;

// Item n's attributes are fixed functions of n: touchpoints, channels and segments rotate, NPS cycles 0-10
// (so 7/11 detractors, 2/11 passives, 2/11 promoters), 0-3 themes each.
const GENERATE = `
  INSERT INTO bench_items
  SELECT md5($1 || ':' || n)::uuid, $1, n,
         $3::timestamptz + (($4::timestamptz - $3::timestamptz) * ((n - $2)::double precision / $5)),
         (ARRAY['delivery','checkout','support','billing','store'])[1 + (n / 3) % 5],
         (ARRAY['survey','review','support_ticket','chat','social'])[1 + n % 5],
         (ARRAY['smb','consumer','enterprise'])[1 + n % 3],
         'cp_' || (n % 50000), 100 + (n % 50) * 100,
         n % 11, CASE WHEN n % 3 = 0 THEN 1 + n % 5 END, CASE WHEN n % 7 = 0 THEN 1 + n % 7 END,
         CASE WHEN n % 11 <= 6 THEN 'negative' WHEN n % 11 >= 9 THEN 'positive' ELSE 'neutral' END,
         CASE WHEN n % 11 <= 6 THEN -0.6 WHEN n % 11 >= 9 THEN 0.7 ELSE 0.05 END,
         array_remove(ARRAY[CASE WHEN n % 5 = 0 THEN 'delivery' END, CASE WHEN n % 7 = 1 THEN 'price' END,
                            CASE WHEN n % 4 = 1 THEN 'staff_service' END, CASE WHEN n % 9 = 2 THEN 'billing' END,
                            CASE WHEN n % 11 = 3 THEN 'waiting_time' END, CASE WHEN n % 13 = 4 THEN 'app_website' END], NULL)
    FROM generate_series($2::bigint, $2::bigint + $5 - 1) AS n`;

const COPY_OUT = [
  `INSERT INTO feedback_identities (tenant_id, integration_id, external_id, event_id, occurred_at)
   SELECT tenant_id, 'bench', 'b-' || n, event_id, occurred_at FROM bench_items`,
  `INSERT INTO feedback (event_id, tenant_id, integration_id, external_id, channel, customer_id, occurred_at, received_at, text, event, published_at)
   SELECT event_id, tenant_id, 'bench', 'b-' || n, channel, 'raw-' || customer, occurred_at, occurred_at + interval '2 seconds',
          'The ' || touchpoint || ' experience was ' || label || ' this time, order ' || n,
          jsonb_build_object('eventId', event_id, 'tenantId', tenant_id, 'integrationId', 'bench', 'externalId', 'b-' || n,
            'channel', channel, 'occurredAt', occurred_at, 'receivedAt', occurred_at + interval '2 seconds',
            'text', 'The ' || touchpoint || ' experience was ' || label || ' this time, order ' || n,
            'scores', jsonb_strip_nulls(jsonb_build_object('nps', nps, 'csat', csat, 'ces', ces)),
            'customer', jsonb_build_object('id', customer, 'segment', segment, 'annualValue', customer_value),
            'touchpoint', jsonb_build_object('journey', touchpoint), 'redactions', '[]'::jsonb),
          occurred_at + interval '3 seconds'
     FROM bench_items`,
  `INSERT INTO analyses (feedback_event_id, analyzer_name, analyzer_version, tenant_id, language, sentiment_label, sentiment_score,
                         sentiment_confidence, themes, key_phrases, analyzed_at, occurred_at)
   SELECT event_id, 'loops-text-analytics', '1', tenant_id, 'en', label, score, 0.8,
          coalesce((SELECT jsonb_agg(jsonb_build_object('id', t, 'label', t, 'sentiment', jsonb_build_object('label', label, 'score', score)))
                      FROM unnest(themes) t), '[]'::jsonb),
          jsonb_build_array(touchpoint || ' experience'), occurred_at + interval '4 seconds', occurred_at
     FROM bench_items`,
  `INSERT INTO feedback_facts (feedback_event_id, tenant_id, occurred_at, touchpoint, channel, segment, customer_id, customer_value,
                               nps, csat, ces, sentiment_label, sentiment_score, themes, key_phrases, analyzer)
   SELECT event_id, tenant_id, occurred_at, touchpoint, channel, segment, customer, customer_value, nps, csat, ces, label, score,
          themes, ARRAY[touchpoint || ' experience'], 'loops-text-analytics@1'
     FROM bench_items`,
  `INSERT INTO complaint_texts (feedback_event_id, tenant_id, occurred_at, language, text)
   SELECT event_id, tenant_id, occurred_at, 'en', 'The ' || touchpoint || ' experience was negative this time, order ' || n
     FROM bench_items WHERE label = 'negative' AND cardinality(themes) = 0`,
  `INSERT INTO cases (case_id, tenant_id, customer_key, status, priority, owner_team, receiver, opened_at, due_at, acknowledged_at,
                      resolved_at, root_cause_code, last_alert_at, first_feedback_event_id)
   SELECT md5('case:' || event_id)::uuid, tenant_id, 'customer:' || customer || ':' || n, 'resolved', 'p2', touchpoint, touchpoint || '-team',
          occurred_at, occurred_at + interval '4 hours', occurred_at + interval '1 hour', occurred_at + interval '1 day',
          (ARRAY['courier_delay','pricing_error','staff_training','app_bug'])[1 + n % 4], occurred_at, event_id
     FROM bench_items WHERE n % 50 = 0 AND nps <= 6`,
  `INSERT INTO alerts (alert_id, tenant_id, case_id, receiver, feedback_event_id, rule_path, severity, alert, created_at, published_at)
   SELECT md5('alert:' || event_id)::uuid, tenant_id, md5('case:' || event_id)::uuid, touchpoint || '-team', event_id,
          ARRAY['root', 'detractors'], 'high',
          jsonb_build_object('summary', 'Detractor at ' || touchpoint, 'receiver', touchpoint || '-team', 'feedbackEventId', event_id),
          occurred_at + interval '5 seconds', occurred_at + interval '6 seconds'
     FROM bench_items WHERE n % 50 = 0 AND nps <= 6`,
  `INSERT INTO case_root_causes (case_id, tenant_id, root_cause_code, feedback_event_id, resolved_at)
   SELECT md5('case:' || event_id)::uuid, tenant_id, (ARRAY['courier_delay','pricing_error','staff_training','app_bug'])[1 + n % 4],
          event_id, occurred_at + interval '1 day'
     FROM bench_items WHERE n % 50 = 0 AND nps <= 6`,
  // The rollup writer's arithmetic (rollup-contribution.ts), in SQL: UTC hour/day/ISO-week buckets, the '*'
  // row plus one row per theme; NPS 9-10 promoters, 7-8 passives, 0-6 detractors; CSAT top-2 is 4-5.
  `INSERT INTO rollups (tenant_id, bucket_size, bucket_start, touchpoint, channel, segment, theme, count, nps_count, promoters, passives,
                        detractors, csat_count, csat_sum, csat_top2, ces_count, ces_sum, sentiment_count, sentiment_sum, negative_count)
   SELECT tenant_id, size, date_trunc(size, occurred_at), touchpoint, channel, segment, theme,
          count(*), count(nps), count(*) FILTER (WHERE nps >= 9), count(*) FILTER (WHERE nps BETWEEN 7 AND 8),
          count(*) FILTER (WHERE nps <= 6), count(csat), coalesce(sum(csat), 0), count(*) FILTER (WHERE csat >= 4),
          count(ces), coalesce(sum(ces), 0), count(*), sum(score), count(*) FILTER (WHERE label = 'negative')
     FROM bench_items, unnest(ARRAY['hour', 'day', 'week']) AS size, unnest(array_prepend('*', themes)) AS theme
    GROUP BY 1, 2, 3, 4, 5, 6, 7
   ON CONFLICT (tenant_id, bucket_size, bucket_start, touchpoint, channel, segment, theme) DO UPDATE SET
     count = rollups.count + EXCLUDED.count, nps_count = rollups.nps_count + EXCLUDED.nps_count,
     promoters = rollups.promoters + EXCLUDED.promoters, passives = rollups.passives + EXCLUDED.passives,
     detractors = rollups.detractors + EXCLUDED.detractors, csat_count = rollups.csat_count + EXCLUDED.csat_count,
     csat_sum = rollups.csat_sum + EXCLUDED.csat_sum, csat_top2 = rollups.csat_top2 + EXCLUDED.csat_top2,
     ces_count = rollups.ces_count + EXCLUDED.ces_count, ces_sum = rollups.ces_sum + EXCLUDED.ces_sum,
     sentiment_count = rollups.sentiment_count + EXCLUDED.sentiment_count, sentiment_sum = rollups.sentiment_sum + EXCLUDED.sentiment_sum,
     negative_count = rollups.negative_count + EXCLUDED.negative_count`,
];

export const LOADED_TABLES = ['feedback', 'feedback_identities', 'analyses', 'feedback_facts', 'complaint_texts', 'alerts', 'cases', 'rollups'];

/** Creates the monthly partitions the generated history needs (an operator does the same before an import). */
export async function preparePartitions(db: Client, from: Date, to: Date): Promise<void> {
  for (const table of ['feedback', 'analyses', 'feedback_facts', 'alerts']) {
    await db.query('SELECT loops_ensure_month_partitions($1, $2::date, $3::date)', [table, from, to]);
  }
}

/**
 * Loads one chunk. The identity trigger is off for the load (each item is new by construction; its identity
 * row is written directly), which is the one way this differs from what ingestion does row by row.
 */
export async function loadChunk(db: Client, chunk: LoadChunk): Promise<void> {
  await db.query("SET TIME ZONE 'UTC'");
  await db.query(STAGE);
  await db.query('TRUNCATE bench_items');
  await db.query(GENERATE, [chunk.tenantId, chunk.first, chunk.from, chunk.to, chunk.count]);
  await db.query('BEGIN');
  try {
    await db.query('ALTER TABLE feedback DISABLE TRIGGER feedback_identity_guard');
    for (const statement of COPY_OUT) await db.query(statement);
    await db.query('ALTER TABLE feedback ENABLE TRIGGER feedback_identity_guard');
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await db.query('TRUNCATE bench_items');
}
