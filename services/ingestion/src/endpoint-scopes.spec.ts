import { endpointScopes } from '@loops/auth';
import { FeedbackController } from './feedback/feedback.controller';
import { OperationalController } from './operational/operational.controller';
import { ErasureController } from './privacy/erasure.controller';

describe('ingestion endpoints and the scope each needs', () => {
  it('needs ingest to submit feedback and operational measures, and admin to erase a customer, behind TenantGuard', () => {
    expect(endpointScopes([FeedbackController, ErasureController, OperationalController]).map(({ endpoint, access }) => ({ endpoint, access }))).toEqual([
      { endpoint: 'POST /v1/feedback', access: 'ingest' },
      { endpoint: 'POST /v1/feedback/batch', access: 'ingest' },
      { endpoint: 'POST /v1/privacy/erasures', access: 'admin' },
      { endpoint: 'POST /v1/operational/measures/batch', access: 'ingest' },
    ]);
  });
});

// Ingestion and erasure act on the whole tenant: no department key (touchpoint, theme or account view) may call them.
describe('ingestion endpoints and department keys', () => {
  it('serves no restricted key', () => {
    expect(endpointScopes([FeedbackController, ErasureController, OperationalController]).filter((e) => e.views !== 'none')).toEqual([]);
  });
});
