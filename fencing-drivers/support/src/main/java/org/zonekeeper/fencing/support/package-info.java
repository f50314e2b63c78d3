/** Building blocks shared by fencing driver bundles. */
@Version("1.0.0")
package org.zonekeeper.fencing.support;

import org.osgi.annotation.versioning.Version;
