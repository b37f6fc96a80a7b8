import { ApiProperty } from '@nestjs/swagger';

// OpenAPI shapes for /docs. Validation itself uses the contract classes from @loops/contracts.

export class FieldErrorDto {
  @ApiProperty({ example: 'scores.nps' }) field!: string;
  @ApiProperty({ example: ['nps must not be greater than 10'] }) messages!: string[];
}

export class ValidationErrorBody {
  @ApiProperty({ example: 'validation_failed' }) error!: string;
  @ApiProperty({ type: [FieldErrorDto] }) errors!: FieldErrorDto[];
}

export class AcceptedBody {
  @ApiProperty({ enum: ['accepted', 'duplicate'] }) status!: string;
  @ApiProperty({ format: 'uuid', description: 'Event id; for a duplicate, the original item\'s id' })
  eventId!: string;
}

export class BatchItemResult {
  @ApiProperty() index!: number;
  @ApiProperty({ enum: ['accepted', 'duplicate', 'rejected'] }) status!: string;
  @ApiProperty({ required: false, format: 'uuid' }) eventId?: string;
  @ApiProperty({ required: false, type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

export class BatchResponse {
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [BatchItemResult] }) results!: BatchItemResult[];
}
