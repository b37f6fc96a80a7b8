import { IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsTimestamp } from '../common/timestamp';

export const DLQ_RECORD_TYPE = 'dev.loops.dlq.v1';
export const DLQ_REASON_KINDS = ['envelope', 'validation', 'processing'] as const;
export type DlqReasonKind = (typeof DLQ_REASON_KINDS)[number];

/** A message Loops could not process, with why and the original bytes, so nothing is lost in silence. */
export class DlqRecord {
  @IsString()
  service!: string;

  @IsString()
  sourceTopic!: string;

  @IsInt()
  @Min(0)
  partition!: number;

  @IsString()
  offset!: string;

  @IsOptional()
  @IsString()
  key?: string;

  @IsIn(DLQ_REASON_KINDS)
  reasonKind!: DlqReasonKind;

  @IsString()
  @MaxLength(4000)
  reason!: string;

  @IsInt()
  @Min(1)
  attempts!: number;

  /** The original message value, base64, byte for byte. */
  @IsString()
  originalValue!: string;

  @IsObject()
  originalHeaders!: Record<string, string>;

  @IsTimestamp()
  failedAt!: string;
}
