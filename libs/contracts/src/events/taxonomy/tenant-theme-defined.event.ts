import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsString, IsUUID, Length, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsTimestamp } from '../common/timestamp';
import { ID_PATTERN } from '../feedback-received/feedback-received.event';

export const TENANT_THEME_DEFINED_TYPE = 'dev.loops.taxonomy.theme-defined.v1';

/** A theme id as tenants name them: lowercase letters, digits and `_`, starting with a letter. */
export const THEME_ID_PATTERN = /^[a-z][a-z0-9_]{1,47}$/;

/** The phrases of one language that mark a theme; a trailing `*` matches word prefixes. */
export class ThemePhrases {
  /** ISO 639-1 code. */
  @Matches(/^[a-z]{2}$/)
  language!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(80, { each: true })
  phrases!: string[];
}

/**
 * A tenant's theme as it now stands (root-cause owns the tenant's taxonomy: analysts promote candidate
 * themes there). It carries the whole definition, not the change, so a consumer keeps the newest by
 * `updatedAt` and a redelivered or reordered event changes nothing. Keyed by tenant id: one tenant's
 * changes stay in order.
 */
export class TenantThemeDefined {
  /** One per change: the id of the outbox row that carried it. */
  @IsUUID()
  changeId!: string;

  @Matches(ID_PATTERN)
  tenantId!: string;

  @Matches(THEME_ID_PATTERN)
  themeId!: string;

  @IsString()
  @Length(1, 128)
  label!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ThemePhrases)
  phrases!: ThemePhrases[];

  @IsTimestamp()
  updatedAt!: string;
}
