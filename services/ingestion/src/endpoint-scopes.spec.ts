import { endpointScopes } from '@loops/auth';
import { FeedbackController } from './feedback/feedback.controller';
import { OperationalController } from './operational/operational.controller';
import { ErasureController } from './privacy/erasure.controller';

describe('ingestion endpoints and the scope each needs', () => {
  it('needs ingest to submit feedback and operational measures, and admin to erase a customer, behind TenantGuard', () => {
    expect(endpointScopes([FeedbackController, ErasureController, OperationalController])).toEqual([
      { endpoint: 'POST /v1/feedback', access: 'ingest' },
      { endpoint: 'POST /v1/feedback/batch', access: 'ingest' },
      { endpoint: 'POST /v1/privacy/erasures', access: 'admin' },
      { endpoint: 'POST /v1/operational/measures/batch', access: 'ingest' },
    ]);
  });
});
