import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicEndpoint } from '@loops/auth';
import { dashboardPage } from './dashboard.page';
import { dashboardModules } from './web/registry';

export const SENTIMENT_PUBLIC_URL = Symbol('SENTIMENT_PUBLIC_URL');

@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  private readonly page: string;
  private readonly modules = dashboardModules();
  private readonly csp: string;

  constructor(@Inject(SENTIMENT_PUBLIC_URL) private readonly sentimentUrl: string) {
    this.page = dashboardPage(sentimentUrl);
    // Scripts only from this origin (the modules below); the correction form posts to the sentiment service,
    // the only other origin the page may connect to. Cases go through root-cause's own /v1/routing/cases.
    this.csp = `default-src 'self'; connect-src 'self' ${sentimentUrl}; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:`;
  }

  @Get()
  @PublicEndpoint('a static page with no tenant data; its API calls carry the key the user enters (reports:read, cases:write)')
  page_(@Res() res: Response): void {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', this.csp);
    res.send(this.page);
  }

  @Get('app/:file')
  @PublicEndpoint("the dashboard's static ES modules; no tenant data")
  module(@Param('file') file: string, @Res() res: Response): void {
    const source = this.modules.get(file);
    if (source === undefined) throw new NotFoundException(`no dashboard module ${file}`);
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.send(source);
  }
}
