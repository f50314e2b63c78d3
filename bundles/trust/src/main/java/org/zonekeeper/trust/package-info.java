/**
 * The zone's identity: one certificate authority per zone, a certificate for each server, host and client that names
 * what it is ({@link org.zonekeeper.trust.Role}) and who ({@link org.zonekeeper.trust.Peer}), and mutual TLS between
 * them ({@link org.zonekeeper.trust.ZoneTrust}). Certificates are made with {@link org.zonekeeper.trust.ZoneCa},
 * also from the command line ({@code bin/zone-tls}).
 */
@Version("1.1.0")
package org.zonekeeper.trust;

import org.osgi.annotation.versioning.Version;
