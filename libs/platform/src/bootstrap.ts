import 'reflect-metadata';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { isUtf8 } from 'node:buffer';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import type { PlatformEnv } from '@loops/config';
import { PipelineMetrics, startTracing } from '@loops/observability';
import { bodyParserErrors } from './http-errors';
import { httpMetricsMiddleware, RouteTemplates } from './metrics/http-metrics.middleware';
import { untrustedInput } from './http/untrusted-input';
import { httpTracingMiddleware } from './tracing/http-tracing.middleware';

export interface BootstrapOptions {
  service: string;
  title: string;
  description: string;
  /** Express body-size limit; larger bodies get 413. */
  bodyLimit?: string;
  /** Component schemas added to the OpenAPI document (e.g. generated from the contract classes). */
  schemas?: Record<string, Record<string, unknown>>;
  /** The service checks each item of its bodies itself (ingestion batches answer per item). */
  perItemBodies?: boolean;
}

/**
 * Nest's own shutdown hooks re-raise the signal after closing, so the process ends "killed by SIGTERM".
 * Orchestrators and our run command read a clean stop as exit code 0, so the signal is handled here:
 * close the app (consumers finish their batch and commit, producer and pool disconnect), then exit 0.
 */
function exitGracefullyOn(signals: NodeJS.Signals[], close: () => Promise<void>): void {
  let closing = false;
  for (const signal of signals) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      close().then(
        () => process.exit(0),
        (error: Error) => {
          console.error(`shutdown failed: ${error.message}`);
          process.exit(1);
        },
      );
    });
  }
}

/**
 * Boots a Loops service: tracing when configured (OTEL_*), JSON logs, OpenAPI at /docs, graceful SIGTERM (finish the batch, commit,
 * disconnect, exit 0), HTTP on PORT.
 */
export async function bootstrapService(root: DynamicModule, env: PlatformEnv, options: BootstrapOptions) {
  // Before anything can start a span; undefined (and nothing registered) unless OTEL_* asks for traces.
  const tracing = startTracing(options.service);
  const app = await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  const express = app.getHttpAdapter().getInstance();
  const routes = new RouteTemplates(express);
  // The request's span wraps everything after it, the request logger included (it binds the trace ids).
  if (tracing) app.use(httpTracingMiddleware(routes));
  // First after tracing, so that every answer is counted, refusals by the body parser included.
  app.use(httpMetricsMiddleware(app.get(PipelineMetrics).http, routes));
  app.use(
    json({
      limit: options.bodyLimit ?? '1mb',
      strict: true,
      type: 'application/json',
      // body-parser would decode invalid UTF-8 into U+FFFD and accept the mangled text; reject it instead.
      verify: (_req, _res, buf) => {
        if (!isUtf8(buf)) throw new Error('request body is not valid UTF-8');
      },
    }),
  );
  app.use(bodyParserErrors);
  app.use(untrustedInput({ checkBodies: !options.perItemBodies }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1.0').build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...options.schemas } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await app.listen(env.PORT, process.env.HOST ?? '0.0.0.0');
  // Spans still buffered are exported after the last batch has finished.
  exitGracefullyOn(['SIGTERM', 'SIGINT'], async () => {
    await app.close();
    await tracing?.shutdown();
  });
  return app;
}
