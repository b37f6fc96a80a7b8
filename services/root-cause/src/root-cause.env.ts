import { PlatformEnv } from '@loops/config';

export class RootCauseEnv extends PlatformEnv {}
