package org.zonekeeper.agent.connector.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@code etc/org.zonekeeper.agent.cfg}; values are checked by {@link AgentSettings}. */
@ObjectClassDefinition(id = AgentConfig.PID, name = "zonekeeper node agents",
        description = "How the front-end reaches the node agent on each hypervisor host.")
@interface AgentConfig {
    String PID = "org.zonekeeper.agent";

    @AttributeDefinition(name = "port", description = "Agent port, used when a host's address names none.")
    int port() default 8380;

    @AttributeDefinition(name = "token.file", description = "File holding the agents' bearer token (its first "
            + "line), readable by the server only; relative to the Karaf home.")
    String token_file() default "etc/agent.token";

    @AttributeDefinition(name = "request.timeout.ms", description = "Deadline of a deploy, stop or status call.")
    long request_timeout_ms() default 10000;

    @AttributeDefinition(name = "disk.dir", description = "Directory of the VMs' disk files on the shared storage, "
            + "as the hosts mount it; a VM's disk is DIR/vm-ID.disk (by id, never by name).")
    String disk_dir() default "/var/lib/zonekeeper/datastore";
}
