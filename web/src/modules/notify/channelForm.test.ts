import { describe, expect, it } from 'vitest'
import { channelBody, emptyChannel } from './channelForm'

describe('channel form body', () => {
  it('creates a signed DingTalk bot', () => {
    const f = { ...emptyChannel(), name: ' 运营群 ', webhook_url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SEC1' }
    expect(channelBody(f, true)).toEqual({
      name: '运营群',
      enabled: true,
      remark: '',
      type: 'dingtalk',
      webhook_url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
      secret: 'SEC1',
    })
  })
  it('keeps stored secrets unless replaced or cleared', () => {
    const f = { ...emptyChannel(), name: 'bot', version: 3 }
    expect(channelBody(f, false)).toEqual({ name: 'bot', enabled: true, remark: '', version: 3 })
    expect(channelBody({ ...f, clearSecret: true }, false)).toMatchObject({ secret: '' })
  })
  it('sends no secret for WeCom (the key is in the URL)', () => {
    const f = { ...emptyChannel(), type: 'wecom' as const, name: 'w', webhook_url: 'https://qyapi.weixin.qq.com/x', secret: 'ignored' }
    expect(channelBody(f, true)).not.toHaveProperty('secret')
  })
  it('sends SMTP settings for email, the password only when typed', () => {
    const f = { ...emptyChannel(), type: 'email' as const, name: 'mail', smtp_host: 'smtp.example.com', smtp_from: 'EcomOps <no@example.com>', smtp_port: 465, smtp_tls: 'tls' as const }
    const body = channelBody(f, true)
    expect(body).toMatchObject({ type: 'email', smtp_host: 'smtp.example.com', smtp_port: 465, smtp_tls: 'tls' })
    expect(body).not.toHaveProperty('smtp_password')
    expect(body).not.toHaveProperty('webhook_url')
  })
})
