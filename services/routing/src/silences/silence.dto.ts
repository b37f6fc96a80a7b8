import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsObject, IsOptional, IsString, Length } from 'class-validator';

export class CreateSilenceBody {
  @ApiProperty({ description: 'Field matchers, the same syntax as a route `match`', example: { touchpoint: 'delivery', theme: 'late-delivery' } })
  @IsObject()
  matchers!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  endsAt!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  author!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
