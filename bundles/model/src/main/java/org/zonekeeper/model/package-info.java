/**
 * The replicated model, apart from any Raft engine: the commands that change the zone (records with a request
 * id), their one versioned binary layout ({@link org.zonekeeper.model.Codec}), the rules that apply them to a
 * server's database ({@link org.zonekeeper.model.ZoneModel}) and the outcome they give.
 */
@Version("2.0.0")
package org.zonekeeper.model;

import org.osgi.annotation.versioning.Version;
