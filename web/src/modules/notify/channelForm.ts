// The channel form and the body it sends. Secrets never come back from the
// server: a field left empty keeps the stored value (left out of the body),
// "clear" sends "" to remove it.
import type { ChannelInput, ChannelType } from './types'

export interface ChannelForm {
  type: ChannelType
  name: string
  enabled: boolean
  webhook_url: string
  secret: string
  clearSecret: boolean
  smtp_host: string
  smtp_port: number | null
  smtp_username: string
  smtp_password: string
  clearPassword: boolean
  smtp_from: string
  smtp_tls: 'none' | 'starttls' | 'tls'
  remark: string
  version: number | null
}

export function emptyChannel(): ChannelForm {
  return {
    type: 'dingtalk',
    name: '',
    enabled: true,
    webhook_url: '',
    secret: '',
    clearSecret: false,
    smtp_host: '',
    smtp_port: null,
    smtp_username: '',
    smtp_password: '',
    clearPassword: false,
    smtp_from: '',
    smtp_tls: 'starttls',
    remark: '',
    version: null,
  }
}

export const isBot = (type: ChannelType) => type !== 'email'
export const hasSecret = (type: ChannelType) => type === 'dingtalk' || type === 'feishu'

/** The request body; `creating` sends the type (it cannot change later). */
export function channelBody(f: ChannelForm, creating: boolean): ChannelInput {
  const body: ChannelInput = { name: f.name.trim(), enabled: f.enabled, remark: f.remark }
  if (creating) body.type = f.type
  if (f.version !== null) body.version = f.version
  if (isBot(f.type)) {
    if (f.webhook_url.trim() || creating) body.webhook_url = f.webhook_url.trim()
    if (hasSecret(f.type)) {
      if (f.clearSecret) body.secret = ''
      else if (f.secret) body.secret = f.secret
    }
  } else {
    body.smtp_host = f.smtp_host.trim()
    if (f.smtp_port) body.smtp_port = f.smtp_port
    body.smtp_username = f.smtp_username.trim()
    body.smtp_from = f.smtp_from.trim()
    body.smtp_tls = f.smtp_tls
    if (f.clearPassword) body.smtp_password = ''
    else if (f.smtp_password) body.smtp_password = f.smtp_password
  }
  return body
}
