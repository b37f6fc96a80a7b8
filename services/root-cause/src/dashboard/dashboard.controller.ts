import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicEndpoint } from '@loops/auth';
import { DASHBOARD_PAGE } from './dashboard.page';

@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  @Get()
  @PublicEndpoint('a static page with no tenant data; its API calls carry the key the user enters (reports:read)')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
  page(): string {
    return DASHBOARD_PAGE;
  }
}
