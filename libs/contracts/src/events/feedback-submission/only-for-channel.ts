import { registerDecorator, ValidationArguments } from 'class-validator';
import type { Channel } from '../feedback-received/feedback-received.event';

/**
 * A channel payload may only accompany its own channel: a `review` object on a `survey` item is a
 * producer bug, and silently ignoring it would lose the data the producer meant to send.
 */
export function OnlyForChannel(channel: Channel): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'onlyForChannel',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property is only allowed when channel is "${channel}"` },
      validator: {
        validate(_value: unknown, args: ValidationArguments): boolean {
          return (args.object as { channel?: unknown }).channel === channel;
        },
      },
    });
}
