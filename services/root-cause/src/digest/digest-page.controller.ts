import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicEndpoint } from '@loops/auth';
import { digestHtml } from './digest-render';
import { DigestScheduler } from './digest.scheduler';
import { DigestsDataAccess } from './digests.data-access';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** A sent digest as a page, at the unguessable link the message carries (like a shared document link). */
@ApiExcludeController()
@Controller('digests')
export class DigestPageController {
  constructor(
    private readonly digests: DigestsDataAccess,
    private readonly scheduler: DigestScheduler,
  ) {}

  @Get(':token')
  @PublicEndpoint('a digest page behind a 192-bit link token that only its recipients have; no key needed to read it')
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const delivery = TOKEN.test(token) ? await this.digests.byPageToken(token) : undefined;
    if (!delivery) throw new NotFoundException({ error: 'not_found', message: 'no such digest' });
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.send(digestHtml(delivery.content, this.scheduler.pageUrl(token), true));
  }
}
