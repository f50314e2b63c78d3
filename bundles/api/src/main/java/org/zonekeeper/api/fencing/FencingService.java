package org.zonekeeper.api.fencing;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Fences hosts through their levels (or, for a host without levels, each device whose host map names it, in name
 * order). Every call is bounded by the devices' deadlines; results are never taken as success without a confirmed
 * power state.
 */
@ProviderType
public interface FencingService {

    List<DeviceInfo> devices();

    /** Powers the host off; success only when a level's devices all confirmed OFF. */
    FencingResult off(String host);

    /** Powers the host on; success only when a level's devices all confirmed ON. */
    FencingResult on(String host);

    /** Reads the host's power state through the first level whose devices all answer. */
    FencingResult status(String host);

    /** Logs in to a device without touching power. */
    FencingAttempt check(String device);
}
