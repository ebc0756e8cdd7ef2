// Notifications (the bell) and notification channels: the generated OpenAPI types under short names.
import type { QueryOf, Schemas } from '@/api/types'

export type Notification = Schemas['NotifyNotification']
export type Channel = Schemas['NotifyChannelView']
export type ChannelInput = Schemas['NotifyChannelInput']
export type OutboxRow = Schemas['NotifyOutboxRow']

export type NotificationQuery = QueryOf<'notify.inbox.list'>
export type OutboxQuery = QueryOf<'notify.outbox.list'>
export type ChannelType = NonNullable<ChannelInput['type']>
