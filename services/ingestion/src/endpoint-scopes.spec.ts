import { endpointScopes } from '@loops/auth';
import { FeedbackController } from './feedback/feedback.controller';

describe('ingestion endpoints and the scope each needs', () => {
  it('needs ingest on every route, behind TenantGuard', () => {
    expect(endpointScopes([FeedbackController])).toEqual([
      { endpoint: 'POST /v1/feedback', access: 'ingest' },
      { endpoint: 'POST /v1/feedback/batch', access: 'ingest' },
    ]);
  });
});
