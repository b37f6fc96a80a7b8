import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicEndpoint } from '@loops/auth';
import { dashboardPage } from './dashboard.page';

export const SENTIMENT_PUBLIC_URL = Symbol('SENTIMENT_PUBLIC_URL');

@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  private readonly page: string;

  constructor(@Inject(SENTIMENT_PUBLIC_URL) private readonly sentimentUrl: string) {
    this.page = dashboardPage(sentimentUrl);
  }

  @Get()
  @PublicEndpoint('a static page with no tenant data; its API calls carry the key the user enters (reports:read, cases:write)')
  page_(@Res() res: Response): void {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    // The correction form posts to the sentiment service: the only other origin the page may connect to.
    res.setHeader('Content-Security-Policy', `default-src 'self'; connect-src 'self' ${this.sentimentUrl}; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'`);
    res.send(this.page);
  }
}
