// The icons the menu table may name (imported one by one to keep the bundle small).
import {
  Avatar,
  Collection,
  Connection,
  Document,
  HomeFilled,
  Key,
  Memo,
  OfficeBuilding,
  Postcard,
  Setting,
  Share,
  Shop,
  Tools,
  User,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'

export const menuIcons: Record<string, Component> = {
  Avatar,
  Collection,
  Connection,
  Document,
  HomeFilled,
  Key,
  Memo,
  OfficeBuilding,
  Postcard,
  Setting,
  Share,
  Shop,
  Tools,
  User,
}
