/**
 * The replication SPI: what the zone asks of a replicated log, whatever engine keeps it. The zone implements
 * {@link org.zonekeeper.replication.ReplicatedState} (its database, applied in log order) and starts its
 * {@link org.zonekeeper.replication.Member} through the {@link org.zonekeeper.replication.ReplicationEngine}
 * service; an engine (the Copycat adapter today) is one bundle registering that service. Entries, queries and
 * answers are opaque bytes here: their layout is the model's ({@code org.zonekeeper.model.Codec}).
 */
@Version("1.1.0")
package org.zonekeeper.replication;

import org.osgi.annotation.versioning.Version;
