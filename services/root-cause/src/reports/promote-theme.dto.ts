import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Length, Matches } from 'class-validator';

/** Names a candidate theme and adds it to the tenant's taxonomy, with its phrases per language. */
export class PromoteThemeBody {
  @ApiProperty({ example: 'refund_delay', pattern: '^[a-z][a-z0-9_]{1,47}$' })
  @Matches(/^[a-z][a-z0-9_]{1,47}$/, { message: 'themeId must be 2-48 lowercase letters, digits or _ starting with a letter' })
  themeId!: string;

  @ApiProperty({ example: 'Refund delays' })
  @IsString()
  @Length(1, 128)
  label!: string;

  @ApiProperty({ example: { id: ['refund lama', 'dana belum kembali'], en: ['refund delay*'] }, description: 'ISO 639-1 code → phrases; a trailing * matches word prefixes' })
  @IsObject()
  phrases!: Record<string, string[]>;
}

export function phraseProblems(phrases: Record<string, unknown>): string[] {
  const entries = Object.entries(phrases);
  if (entries.length === 0) return ['phrases must name at least one language'];
  return entries.flatMap(([language, list]) =>
    !/^[a-z]{2}$/.test(language)
      ? [`phrases.${language}: language must be an ISO 639-1 code`]
      : !Array.isArray(list) || list.length === 0 || list.length > 50 || !list.every((p) => typeof p === 'string' && p.trim().length > 0 && p.length <= 80)
        ? [`phrases.${language}: must be 1-50 non-empty phrases of at most 80 characters`]
        : [],
  );
}
