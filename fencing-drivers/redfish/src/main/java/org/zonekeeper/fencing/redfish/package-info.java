/**
 * A Redfish client for fencing: finds a device's ComputerSystem, reads its PowerState and sends
 * {@code #ComputerSystem.Reset}, confirming every power change. Used by the redfish driver and by the iLO and DRAC
 * drivers for their Redfish modes.
 */
@Version("1.0.0")
package org.zonekeeper.fencing.redfish;

import org.osgi.annotation.versioning.Version;
