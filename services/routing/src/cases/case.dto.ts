import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CASE_STATUSES, CaseStatus, Priority, PRIORITIES } from '@loops/contracts';

export class AcknowledgeCaseBody {
  @ApiPropertyOptional({ description: 'Who acknowledges (recorded on the event note).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  by?: string;
}

export class AssignCaseBody {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  assignee!: string;
}

export class ResolveCaseBody {
  @ApiProperty({ description: 'Root-cause code, e.g. LATE_DELIVERY', example: 'LATE_DELIVERY' })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'rootCauseCode must be 1-64 letters, digits, _ . -' })
  rootCauseCode!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReopenCaseBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CaseListQuery {
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  ownerTeam?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignee?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  receiver?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:@-]{1,200}$/)
  customerId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  touchpoint?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  accountId?: string;

  @IsOptional()
  @Matches(/^([1-9]\d{0,2}|1000)$/, { message: 'limit must be 1-1000' })
  limit?: string;
}
