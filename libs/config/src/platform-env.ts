import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const BROKER_LIST = /^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/;

/** Variables every Loops service reads. Services extend this class with their own. */
export class PlatformEnv {
  /** Comma-separated host:port list of Kafka bootstrap brokers. */
  @Matches(BROKER_LIST, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  /** postgres://user:password@host:port/database. Secret: never logged. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Partitions for topics this service creates; scale-out is by partitions and group members. */
  @IsOptional()
  @IsInt()
  @Min(1)
  KAFKA_PARTITIONS: number = 6;

  /** Attempts for a failing batch before its poison messages are isolated and sent to the DLQ. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  KAFKA_MAX_ATTEMPTS: number = 3;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  INSTANCE_ID?: string;

  brokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }
}
