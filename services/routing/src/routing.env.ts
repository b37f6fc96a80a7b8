import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DEFAULT_EVIDENCE_GATE } from '@loops/contracts';
import { PlatformEnv } from '@loops/config';

export class RoutingEnv extends PlatformEnv {
  /** The default routing tree (YAML, version-controlled), used by every tenant without a tree of its own. */
  @IsOptional()
  @IsString()
  ROUTING_TREE_PATH: string = 'services/routing/config/routing.yaml';

  /** How long a tenant's tree is cached; a PUT on another instance takes effect within this. */
  @IsOptional()
  @IsInt()
  @Min(0)
  ROUTING_TREE_CACHE_MS: number = 5000;

  /** How often unacknowledged cases past their SLA are escalated; 0 turns the sweeper off. */
  @IsOptional()
  @IsInt()
  @Min(0)
  ESCALATION_SWEEP_MS: number = 30000;

  /**
   * `enabled` exposes POST /v1/admin/escalations/run?at=<iso>, which escalates as of a given time.
   * For tests and drills only: off by default.
   */
  @IsOptional()
  @IsIn(['enabled', 'disabled'])
  ROUTING_ADMIN_CLOCK: string = 'disabled';

  /** How often the outbox relay re-publishes alerts and case events whose publish did not complete. */
  @IsOptional()
  @IsInt()
  @Min(0)
  OUTBOX_RELAY_MS: number = 5000;

  /** Webhook delivery: poll interval, first retry delay (doubling), and attempts before giving up. */
  @IsOptional()
  @IsInt()
  @Min(0)
  WEBHOOK_POLL_MS: number = 1000;

  @IsOptional()
  @IsInt()
  @Min(1)
  WEBHOOK_RETRY_BASE_MS: number = 5000;

  @IsOptional()
  @IsInt()
  @Min(1)
  WEBHOOK_MAX_ATTEMPTS: number = 8;

  /**
   * Inhibition gate: an emerging issue attaches alerts instead of paging only if its evidence has at
   * least this count, this rate ratio over baseline and at most this false-discovery q-value (the same
   * variables root-cause reads; see README "Emerging issues").
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  EMERGING_MIN_COUNT: number = DEFAULT_EVIDENCE_GATE.minCount;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  EMERGING_MIN_RATE_RATIO: number = DEFAULT_EVIDENCE_GATE.minRateRatio;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  EMERGING_FDR_Q: number = DEFAULT_EVIDENCE_GATE.fdrQ;

  /**
   * SSRF guard: webhook URLs that are (or resolve to) loopback, private, link-local or other non-public
   * addresses are refused unless `true` here (every address allowed) or listed in WEBHOOK_ALLOWED_HOSTS.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE: string = 'false';

  /** Comma-separated host names, host:port, IP addresses or CIDR ranges allowed despite being non-public. */
  @IsOptional()
  @IsString()
  WEBHOOK_ALLOWED_HOSTS: string = '';

  /**
   * The dashboard's public base URL (the root-cause service, or the proxy in front of it). Every alert
   * links its case as `<LOOPS_DASHBOARD_URL>/dashboard#/cases/<caseId>`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]*[^\s?#/]$/, { message: 'LOOPS_DASHBOARD_URL must be an http(s) URL without a trailing slash, query or fragment' })
  LOOPS_DASHBOARD_URL: string = 'http://localhost:3004';

  /**
   * E-mail / Slack / Teams notifications: how often due groups are flushed and pending notifications
   * sent (0 turns it off). Retries reuse WEBHOOK_RETRY_BASE_MS and WEBHOOK_MAX_ATTEMPTS; Slack and Teams
   * URLs pass the same SSRF guard as webhooks (WEBHOOK_ALLOWED_HOSTS, WEBHOOK_ALLOW_PRIVATE).
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  NOTIFY_POLL_MS: number = 1000;
}
