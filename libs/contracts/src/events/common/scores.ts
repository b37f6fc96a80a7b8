import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Structured scores that came with the feedback; each is on its own standard scale. */
export class Scores {
  /** Net Promoter Score answer, 0-10. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  nps?: number;

  /** Customer satisfaction, 1-5. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  csat?: number;

  /** Customer effort, 1-7 (7 = very easy). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  ces?: number;

  /** Review star rating, 1-5. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;

  /** Employee NPS, 0-10. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  enps?: number;
}

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export function npsCategory(nps: number | undefined): NpsCategory | undefined {
  if (nps === undefined) return undefined;
  if (nps >= 9) return 'promoter';
  if (nps >= 7) return 'passive';
  return 'detractor';
}
