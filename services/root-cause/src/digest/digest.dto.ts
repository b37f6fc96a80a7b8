import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.:@/ -]{0,63}$/u;

/** A new digest subscription: one owner, one target; an owner who wants e-mail and Slack subscribes twice. */
export class SubscribeDigestBody {
  @ApiProperty({ description: 'The owner, as named on goals and actions (e.g. "checkout-team" or "dewi@example.com")' })
  @IsString()
  @Length(1, 200)
  owner!: string;

  @ApiPropertyOptional({ enum: ['daily', 'weekly'], default: 'weekly' })
  @IsOptional()
  @IsIn(['daily', 'weekly'])
  cadence?: 'daily' | 'weekly';

  @ApiPropertyOptional({ description: 'ISO weekday of a weekly digest, Monday = 1 ... Sunday = 7', default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  @ApiPropertyOptional({ description: 'Hour of the day (UTC) the digest goes out', default: 8 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  hourUtc?: number;

  @ApiPropertyOptional({ type: [String], description: "Narrow issues, drivers and cases to these touchpoints (the owner's focus)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(NAME, { each: true })
  touchpoints?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Narrow issues and drivers to these themes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(NAME, { each: true })
  themes?: string[];

  @ApiProperty({
    description:
      'Exactly one of { email: { to: [addresses], from: address, smtpUrlEnv? } }, { slack: { urlEnv } }, { teams: { urlEnv } }: names of environment variables hold the secrets',
    example: { email: { to: ['checkout-lead@example.com'], from: 'loops@example.com' } },
  })
  @IsObject()
  deliver!: Record<string, unknown>;
}
