import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** How long the tenant's feedback, analyses, facts, complaint texts and alerts are kept. */
export class RetentionBody {
  @ApiProperty({ minimum: 1, maximum: 36500, description: 'Days; rows whose time (occurredAt, or the alert\'s creation) is older are purged' })
  @IsInt()
  @Min(1)
  @Max(36500)
  retentionDays!: number;
}
