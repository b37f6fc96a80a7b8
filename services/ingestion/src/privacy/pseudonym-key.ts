import { IngestionEnv } from '../ingestion.env';
import { CustomerPseudonymizer, DEV_PSEUDONYM_KEY } from './customer-pseudonymizer';

/** Whether the service runs on the documented development key (logged as a warning at boot). */
export function usesDevelopmentKey(env: IngestionEnv): boolean {
  return env.LOOPS_PSEUDONYM_KEY === undefined;
}

export function pseudonymizerOf(env: IngestionEnv): CustomerPseudonymizer {
  return new CustomerPseudonymizer(env.LOOPS_PSEUDONYM_KEY ?? DEV_PSEUDONYM_KEY);
}
