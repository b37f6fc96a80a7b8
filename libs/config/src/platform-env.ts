import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

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

  /**
   * Broker authentication: SASL mechanism (`scram-sha-512`, `scram-sha-256`, `plain`) with this service's
   * principal. Unset = no authentication (a broker that does not require it).
   */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value))
  @IsIn(['scram-sha-512', 'scram-sha-256', 'plain'], { message: 'KAFKA_SASL_MECHANISM must be one of scram-sha-512, scram-sha-256, plain' })
  KAFKA_SASL_MECHANISM?: string;

  @ValidateIf((env: PlatformEnv) => Boolean(env.KAFKA_SASL_MECHANISM))
  @IsNotEmpty({ message: 'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set' })
  KAFKA_SASL_USERNAME?: string;

  /** Secret: never logged. */
  @ValidateIf((env: PlatformEnv) => Boolean(env.KAFKA_SASL_MECHANISM))
  @IsNotEmpty({ message: 'KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set' })
  KAFKA_SASL_PASSWORD?: string;

  /** `true`: TLS to the brokers, trusting the system CAs plus KAFKA_SSL_CA_FILE (PEM) when given. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'KAFKA_SSL must be true or false' })
  KAFKA_SSL: string = 'false';

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  KAFKA_SSL_CA_FILE?: string;

  /** Mutual TLS: this client's certificate (PEM), with KAFKA_SSL_KEY_FILE, when the brokers require one. */
  @ValidateIf((env: PlatformEnv) => Boolean(env.KAFKA_SSL_CERT_FILE || env.KAFKA_SSL_KEY_FILE))
  @IsNotEmpty({ message: 'KAFKA_SSL_CERT_FILE is required with KAFKA_SSL_KEY_FILE' })
  KAFKA_SSL_CERT_FILE?: string;

  /** Mutual TLS: this client's private key (PEM). The file is a secret; its path is not. */
  @ValidateIf((env: PlatformEnv) => Boolean(env.KAFKA_SSL_CERT_FILE || env.KAFKA_SSL_KEY_FILE))
  @IsNotEmpty({ message: 'KAFKA_SSL_KEY_FILE is required with KAFKA_SSL_CERT_FILE' })
  KAFKA_SSL_KEY_FILE?: string;

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
