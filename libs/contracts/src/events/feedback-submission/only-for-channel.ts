import { registerDecorator, ValidationArguments } from 'class-validator';
import type { Channel } from '../feedback-received/feedback-received.event';

/**
 * A channel payload may only accompany its own channel: a `review` object on a `survey` item is a
 * producer bug, and silently ignoring it would lose the data the producer meant to send.
 */
export const ONLY_FOR_CHANNEL = 'onlyForChannel';

export function OnlyForChannel(channel: Channel): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: ONLY_FOR_CHANNEL,
      target: target.constructor,
      propertyName: propertyName as string,
      // Carried as a constraint so the JSON Schema generator can state the same rule (if/then).
      constraints: [channel],
      options: { message: `$property is only allowed when channel is "${channel}"` },
      validator: {
        validate(_value: unknown, args: ValidationArguments): boolean {
          return (args.object as { channel?: unknown }).channel === channel;
        },
      },
    });
}
