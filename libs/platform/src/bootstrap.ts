import 'reflect-metadata';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import type { PlatformEnv } from '@loops/config';
import { bodyParserErrors } from './http-errors';

export interface BootstrapOptions {
  service: string;
  title: string;
  description: string;
  /** Express body-size limit; larger bodies get 413. */
  bodyLimit?: string;
}

/**
 * Boots a Loops service: JSON logs, OpenAPI at /docs, graceful SIGTERM (finish the batch, commit,
 * disconnect), HTTP on PORT.
 */
export async function bootstrapService(root: DynamicModule, env: PlatformEnv, options: BootstrapOptions) {
  const app = await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(json({ limit: options.bodyLimit ?? '1mb', strict: true, type: 'application/json' }));
  app.use(bodyParserErrors);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1.0').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await app.listen(env.PORT, process.env.HOST ?? '0.0.0.0');
  return app;
}
