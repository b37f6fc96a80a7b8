import { endpointScopes } from '@loops/auth';
import { CorrectionsController } from './corrections/corrections.controller';

// The permission table of the corrections API. A new route fails here until it declares its scope.
describe('sentiment endpoints and the scope each needs', () => {
  it('needs cases:write to correct and reports:read or cases:write to read, behind TenantGuard', () => {
    expect(endpointScopes([CorrectionsController]).map(({ endpoint, access }) => ({ endpoint, access }))).toEqual([
      { endpoint: 'POST /v1/corrections', access: 'cases:write' },
      { endpoint: 'GET /v1/corrections', access: 'reports:read | cases:write' },
      { endpoint: 'GET /v1/corrections/accuracy', access: 'reports:read | cases:write' },
    ]);
  });
});
