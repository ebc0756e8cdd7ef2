import { http, type Query } from '@/api/http'
import type { Sendable } from '@/api/types'
import type { Channel, ChannelInput, Notification, NotificationQuery, OutboxQuery, OutboxRow } from './types'

export const notifyPaths = {
  inbox: '/notifications',
  channels: '/notify/channels',
  hosts: '/notify/allowed-hosts',
  outbox: '/notify/outbox',
}

export const inboxApi = {
  list: (q: NotificationQuery = {}) => http.page<Notification>(notifyPaths.inbox, q as Query),
  unreadCount: () => http.get<{ count: number }>(`${notifyPaths.inbox}/unread-count`),
  read: (id: number) => http.post<void>(`${notifyPaths.inbox}/${id}/read`),
  readAll: () => http.post<{ count: number }>(`${notifyPaths.inbox}/read-all`),
}

export const channelApi = {
  list: () => http.page<Channel>(notifyPaths.channels),
  create: (body: Sendable<ChannelInput>) => http.post<Channel>(notifyPaths.channels, body),
  update: (id: number, body: Sendable<ChannelInput>) => http.put<Channel>(`${notifyPaths.channels}/${id}`, body),
  remove: (id: number) => http.del(`${notifyPaths.channels}/${id}`),
  test: (id: number, to?: string) => http.post<{ reply: string }>(`${notifyPaths.channels}/${id}/test`, to ? { to } : {}),
  hosts: () => http.get<{ hosts: string[] | null }>(notifyPaths.hosts),
  setHosts: (hosts: string[]) => http.put<{ hosts: string[] | null }>(notifyPaths.hosts, { hosts }),
  outbox: (q: OutboxQuery = {}) => http.page<OutboxRow>(notifyPaths.outbox, q as Query),
}
