// The signed-in user: who they are and what they may do (GET /auth/me).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '@/api/http'
import { allows } from '@/api/permissions'
import { authApi } from '@/modules/iam/api'
import type { LoginInput, Me } from '@/modules/iam/types'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const checked = ref(false)

  const granted = computed(() => new Set(me.value?.permissions ?? []))
  const isAdmin = computed(() => !!me.value?.user.is_admin)
  const loggedIn = computed(() => !!me.value)

  function can(perm: string | undefined): boolean {
    return allows(granted.value, perm, isAdmin.value)
  }

  /** Loads /auth/me; answers false (and forgets the user) on 401. */
  async function load(): Promise<boolean> {
    try {
      me.value = await authApi.me()
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        me.value = null
        return false
      }
      throw e
    } finally {
      checked.value = true
    }
  }

  async function login(input: LoginInput): Promise<void> {
    await authApi.login(input)
    await load()
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  function clear(): void {
    me.value = null
    checked.value = true
  }

  return { me, checked, granted, isAdmin, loggedIn, can, load, login, logout, clear }
})
