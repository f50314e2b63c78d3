/** The server's local database: the replicated model, the applied Raft index, snapshots. */
@Version("2.0.0")
package org.zonekeeper.store;

import org.osgi.annotation.versioning.Version;
