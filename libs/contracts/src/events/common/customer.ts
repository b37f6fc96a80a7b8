import { IsIn, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const CUSTOMER_TIERS = ['free', 'standard', 'premium', 'enterprise', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export class Customer {
  @IsOptional()
  @IsString()
  @Length(1, 128)
  id?: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  segment?: string;

  @IsOptional()
  @IsIn(CUSTOMER_TIERS)
  tier?: CustomerTier;

  /**
   * The business account (B2B: the company) the respondent belongs to; several respondents roll up to one
   * account. An organisation's identifier, not a person's, so it is stored as given (not pseudonymised).
   */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  accountId?: string;

  /** Annual value in the tenant's reporting currency; drives priority and revenue at risk. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  annualValue?: number;

  /** BCP 47 locale such as `id-ID` or `th-TH`; a hint for language detection. */
  @IsOptional()
  @IsString()
  @Length(2, 35)
  locale?: string;
}

export class Touchpoint {
  @IsString()
  @Length(1, 64)
  journey!: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  step?: string;
}
