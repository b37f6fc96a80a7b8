import { DEFAULT_EMERGING, EmergingConfig } from './emerging-detector';

export interface EmergingEnv {
  EMERGING_MIN_COUNT: number;
  EMERGING_MIN_RATE_RATIO: number;
  EMERGING_FDR_Q: number;
  EMERGING_WARMUP_HOURS: number;
  EMERGING_DETECTION_WINDOW_HOURS: number;
}

export function emergingConfigOf(env: EmergingEnv): EmergingConfig {
  return {
    ...DEFAULT_EMERGING,
    minCount: env.EMERGING_MIN_COUNT,
    minRateRatio: env.EMERGING_MIN_RATE_RATIO,
    fdrQ: env.EMERGING_FDR_Q,
    warmupHours: env.EMERGING_WARMUP_HOURS,
    detectionWindowHours: env.EMERGING_DETECTION_WINDOW_HOURS,
  };
}
