import type { Check } from '../check.js'
import { zoneBoundaries } from './time-zones/boundaries.js'
import { dateRoundTrips } from './time-zones/date-round-trips.js'
import { modelAcrossFallBack } from './time-zones/model-across-fall-back.js'

/**
 * The `timeZones` area (CONTRACT §0.3): the date-bearing rules — every model's dates, expiry and
 * window boundaries, the model runs' clock moves — again with the process time zone set to zones that
 * break naive code (daylight saving in both hemispheres, a 30-minute shift, a +05:45 offset), at the
 * instants where they break it. Stored dates must be instants; nothing may depend on the process zone.
 */
export const timeZonesChecks: readonly Check[] = [dateRoundTrips, zoneBoundaries, modelAcrossFallBack]
