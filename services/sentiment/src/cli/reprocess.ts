import 'reflect-metadata';
import { FeedbackReceived, Topics } from '@loops/contracts';
import { createKafka, EventProducer, kafkaSecurityFromEnv } from '@loops/kafka';
import { createLogger } from '@loops/observability';
import { createDataSource, rowsOf } from '@loops/store';
import { loadAnalyzer } from '@loops/text-analytics';
import { analyzedBatches } from '../analysis/analyzed-records';
import { AnalysisWriter } from '../analysis/analysis-writer';
import { analyzeByTenant } from '../analysis/analyze-by-tenant';
import { TenantTaxonomies } from '../taxonomy/tenant-taxonomies';
import { TenantAdapters } from '../corrections/tenant-adapters';

/** One reprocess run sees one adapter revision per tenant. */
const ADAPTERS_FOR_THE_RUN_MS = 24 * 3600 * 1000;

const USAGE = `usage: reprocess [--tenant <id>] [--since <ISO time>] [--batch <n>] [--adapters] [--publish]
Re-runs the feedback sentiment has consumed (its sentiment_feedback table) through the configured analyzer (ANALYZER_KIND, ANALYZER_PATH) and stores its
results beside the existing ones (one row per analyzer version). --adapters applies each tenant's current
adapter (learned from its analysts' corrections) on top, so results carry the adapted version
(e.g. 1.0.0+adapt.3); tenants without corrections get the plain analyzer. --publish also replays the results
on ${Topics.feedbackAnalyzedV2} (needs KAFKA_BROKERS; ANALYZED_V1_ALSO=true also on ${Topics.feedbackAnalyzed}). Environment: DATABASE_URL.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The same code path as the service (analyzeFeedback + AnalysisWriter), over the store instead of Kafka. */
async function main(args: string[]): Promise<number> {
  const url = process.env.DATABASE_URL;
  const tenant = option(args, '--tenant');
  const since = option(args, '--since');
  const batch = Number(option(args, '--batch') ?? 1000);
  const publish = args.includes('--publish');
  const withAdapters = args.includes('--adapters');
  if (!url || !Number.isInteger(batch) || batch < 1 || (since && Number.isNaN(Date.parse(since))) || (publish && !process.env.KAFKA_BROKERS)) {
    console.error(USAGE);
    return 2;
  }
  const analyzer = await loadAnalyzer({ kind: process.env.ANALYZER_KIND === 'module' ? 'module' : 'default', path: process.env.ANALYZER_PATH });
  const dataSource = await createDataSource({ url, poolSize: 2, applicationName: 'loops-reprocess' }).initialize();
  const writer = new AnalysisWriter(dataSource);
  const taxonomies = new TenantTaxonomies(dataSource);
  const adapters = withAdapters ? new TenantAdapters(dataSource, analyzer, ADAPTERS_FOR_THE_RUN_MS) : undefined;
  const adaptedVersions = new Set<string>();
  let producer: EventProducer | undefined;
  if (publish) {
    producer = new EventProducer(createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'loops-reprocess', logger: createLogger('reprocess', 'warn'), security: kafkaSecurityFromEnv(process.env) }));
    await producer.connect();
  }
  let done = 0;
  // Keyset pagination: stable under concurrent inserts and cheap at any depth.
  let after: { at: Date; id: string } = { at: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
  try {
    for (;;) {
      const rows = rowsOf<{ event: FeedbackReceived; received_at: Date; event_id: string }>(
        await dataSource.query(
          `SELECT event, received_at, event_id FROM sentiment_feedback
            WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::timestamptz IS NULL OR received_at >= $2)
              AND (received_at, event_id) > ($3, $4::uuid)
            ORDER BY received_at, event_id LIMIT $5`,
          [tenant ?? null, since ?? null, after.at, after.id, batch],
        ),
      );
      if (rows.length === 0) break;
      const analyzed = await analyzeByTenant(analyzer, taxonomies, rows.map((r) => r.event), adapters);
      for (const a of analyzed) if (a.analysis.analyzer.version !== analyzer.version) adaptedVersions.add(`${a.feedback.tenantId}:${a.analysis.analyzer.version}`);
      await writer.write(analyzed);
      if (producer) await producer.publish(analyzedBatches(analyzed, [], process.env.ANALYZED_V1_ALSO === 'true'));
      done += rows.length;
      const last = rows[rows.length - 1];
      after = { at: last.received_at, id: last.event_id };
      process.stderr.write(`\rreprocessed ${done}`);
    }
    process.stderr.write('\n');
    const summary = { analyzer: { name: analyzer.name, version: analyzer.version }, reprocessed: done, published: Boolean(producer) };
    console.log(JSON.stringify(withAdapters ? { ...summary, adapted: [...adaptedVersions].sort() } : summary));
    return 0;
  } finally {
    await producer?.disconnect();
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
