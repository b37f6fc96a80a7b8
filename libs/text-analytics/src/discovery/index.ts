export { discoverThemes, type DiscoveryOptions } from './discover-themes';
export type { CandidateTheme, Complaint } from './types';
