package org.zonekeeper.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.fencing.FencingAttempt;

@Command(scope = "fence", name = "check", description = "Logs in to a fencing device without touching power")
@Service
public class FenceCheck extends FencingActionSupport {

    @Argument(name = "device", description = "Device name", required = true)
    @Completion(DeviceCompleter.class)
    String device;

    @Override
    public Object execute() {
        FencingAttempt attempt = fencing().check(device);
        print(List.of(attempt));
        if (!attempt.succeeded()) {
            throw new ZoneException(device + ": check failed: " + attempt.message());
        }
        return null;
    }
}
