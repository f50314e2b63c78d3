/** The zone's model and services: what the shell, hooks and drivers program against. */
@Version("2.2.0")
package org.zonekeeper.api;

import org.osgi.annotation.versioning.Version;
