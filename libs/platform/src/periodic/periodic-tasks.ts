import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@loops/observability';
import { ROOT_LOGGER } from '../tokens';
import { PeriodicTask, PeriodicTaskOptions } from './periodic-task';

/**
 * Owns a service's periodic tasks so every service starts and stops them the same way: they start at
 * bootstrap (or at once if scheduled later) and stop before shutdown (alongside the consumers), each
 * finishing its pass in flight before the producer and the store close in onApplicationShutdown.
 */
@Injectable()
export class PeriodicTasks implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly tasks: PeriodicTask<unknown>[] = [];
  private bootstrapped = false;

  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  /** Registers a task (the service's root logger unless one is given); returns it for runNow(). */
  schedule<T>(options: Omit<PeriodicTaskOptions<T>, 'logger'> & { logger?: PeriodicTaskOptions<T>['logger'] }): PeriodicTask<T> {
    if (this.tasks.some((t) => t.name === options.name)) throw new Error(`periodic task ${options.name} is scheduled twice`);
    const task = new PeriodicTask<T>({ ...options, logger: options.logger ?? this.logger });
    this.tasks.push(task as PeriodicTask<unknown>);
    if (this.bootstrapped) task.start();
    return task;
  }

  onApplicationBootstrap(): void {
    this.bootstrapped = true;
    for (const task of this.tasks) task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.tasks.map((task) => task.stop()));
  }
}
