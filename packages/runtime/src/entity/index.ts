export { buildEntityProfile, parseEntityRef } from './entity-profile.ts'
export type { EntityLink, EntityProfile, EntityProfileOptions, TimelineEntry } from './entity-profile.ts'
