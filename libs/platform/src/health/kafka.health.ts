import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA } from '../tokens';

const PROBE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms).unref()),
  ]);
}

/** Ready when the cluster answers a metadata request; keeps one admin connection for all probes. */
@Injectable()
export class KafkaHealthIndicator implements OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  async check(key = 'kafka') {
    const indicator = this.indicators.check(key);
    try {
      if (!this.admin) {
        const admin = this.kafka.admin();
        await withTimeout(admin.connect(), PROBE_TIMEOUT_MS, 'kafka connect');
        this.admin = admin;
      }
      const cluster = await withTimeout(this.admin.describeCluster(), PROBE_TIMEOUT_MS, 'kafka describeCluster');
      return indicator.up({ brokers: cluster.brokers.length, controller: cluster.controller });
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined;
      void admin?.disconnect().catch(() => undefined);
      return indicator.down({ message: (error as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
