package org.zonekeeper.itests.zone;

import org.zonekeeper.testkit.LocalZone;

/** The zone scenarios with each server on its embedded H2 database. */
public class H2ZoneTest extends ZoneScenarios {

    @Override
    protected LocalZone newZone(String name) throws Exception {
        return LocalZone.create(name);
    }
}
