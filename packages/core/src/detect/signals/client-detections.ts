/**
 * A client's detections when the client is a session cookie or an address: its own, and, when it
 * is a cookie, its address's too, each related to the other (a shop blocks the address; the
 * cookie says which visit it was).
 * @module
 */
import type { Detection } from '../../events/detection.ts'
import { buildDetection, type DetectionDraft } from '../detection-record.ts'
import type { KeyedEntity } from './http-facts.ts'

export function clientDetections(entity: KeyedEntity, ip: KeyedEntity | null, d: Omit<DetectionDraft, 'entity' | 'related'>): Detection[] {
  const entities = ip !== null && ip.key !== entity.key ? [entity, ip] : [entity]
  return entities.map((x) => buildDetection({ ...d, entity: x.ref, related: entities.filter((y) => y !== x).map((y) => y.ref) }))
}
