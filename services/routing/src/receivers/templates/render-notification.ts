import { NotifyMessage } from '@loops/notify';
import { renderEmail } from './email.template';
import { headline, NotificationView } from './notification-view';
import { renderSlack } from './slack.template';
import { renderTeams } from './teams.template';

/** Renders a notification for one kind of receiver with that receiver's template. */
export function renderNotification(kind: 'email' | 'slack' | 'teams', view: NotificationView): NotifyMessage {
  switch (kind) {
    case 'email':
      return renderEmail(view);
    case 'slack':
      return { subject: headline(view), text: headline(view), slack: renderSlack(view) };
    case 'teams':
      return { subject: headline(view), text: headline(view), teams: renderTeams(view) };
  }
}
