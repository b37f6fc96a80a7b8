import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, SERVICES } from '../support/service-process';

// A misconfigured deployment must say everything that is wrong at once, before touching anything.
describe('environment validation at boot', () => {
  it.each(SERVICES)('%s refuses to start and lists every problem', (name) => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'services', name, 'src', 'main.js')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, KAFKA_BROKERS: 'not a broker list', DATABASE_URL: 'mysql://app:s3cret-pw@db/app', PORT: '70000', LOG_LEVEL: 'chatty' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${name}: invalid environment:`);
    expect(run.stderr).toContain('KAFKA_BROKERS must be a comma-separated list of host:port');
    expect(run.stderr).toContain('DATABASE_URL must be a postgres:// URL');
    expect(run.stderr).toContain('PORT: PORT must not be greater than 65535');
    expect(run.stderr).toContain('LOG_LEVEL');
    expect(run.stderr).not.toContain('s3cret-pw'); // the message never echoes a secret
  });
});
