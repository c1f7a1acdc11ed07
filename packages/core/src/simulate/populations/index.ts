/**
 * The explicit registry of population generators, by the `generator` name used in
 * scenarios.yaml. Several scenarios may share a generator with different knobs.
 * @module
 */
import { accountTakeover, credentialStuffing, fakeAccounts } from './accounts.ts'
import { bola, vulnScan } from './api-abuse.ts'
import type { PopulationGenerator } from './context.ts'
import { appClients } from './apps.ts'
import { bingbot, browserProxyScraper, fakeGooglebot, googlebot, headlessScraper, naiveScraper, sitemapFarm, stealthScraper } from './crawlers.ts'
import { carding, couponCracking, giftcardCracking, scalping, smsPumping } from './fraud.ts'
import { fraudRing, household } from './rings.ts'
import { carrierNat, facetShoppers, familyDevice, launchCrowd, office, powerShoppers, shoppers, supportStaff, travellers, vpnShoppers } from './shoppers.ts'
import { auditCrawler, merchantCenter, uptimeMonitors } from './tools.ts'

export const GENERATORS: Readonly<Record<string, PopulationGenerator>> = Object.freeze({
  shoppers,
  'power-shoppers': powerShoppers,
  office,
  'family-device': familyDevice,
  'launch-crowd': launchCrowd,
  'support-staff': supportStaff,
  'vpn-shoppers': vpnShoppers,
  travellers,
  household,
  'facet-shoppers': facetShoppers,
  'app-clients': appClients,
  'carrier-nat': carrierNat,
  'uptime-monitors': uptimeMonitors,
  'merchant-center': merchantCenter,
  'audit-crawler': auditCrawler,
  googlebot,
  bingbot,
  'fake-googlebot': fakeGooglebot,
  'naive-scraper': naiveScraper,
  'stealth-scraper': stealthScraper,
  'headless-scraper': headlessScraper,
  'browser-proxy-scraper': browserProxyScraper,
  'sitemap-farm': sitemapFarm,
  'credential-stuffing': credentialStuffing,
  'account-takeover': accountTakeover,
  'fake-accounts': fakeAccounts,
  carding,
  'coupon-cracking': couponCracking,
  'giftcard-cracking': giftcardCracking,
  'sms-pumping': smsPumping,
  scalping,
  'vuln-scan': vulnScan,
  bola,
  'fraud-ring': fraudRing,
})

export type { PopulationContext, PopulationGenerator } from './context.ts'
