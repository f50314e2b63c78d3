/** Reading Config Admin properties with one-line errors naming the PID and the key. */
@Version("1.2.0")
package org.zonekeeper.api.config;

import org.osgi.annotation.versioning.Version;
