/**
 * Host fencing: the {@link org.zonekeeper.api.fencing.FencingDriver} SPI that BMC driver bundles implement, the
 * devices they are given, and the {@link org.zonekeeper.api.fencing.FencingService} the zone fences hosts through.
 */
@Version("1.0.0")
package org.zonekeeper.api.fencing;

import org.osgi.annotation.versioning.Version;
