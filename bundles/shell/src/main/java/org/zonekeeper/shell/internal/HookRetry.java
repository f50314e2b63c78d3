package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.zonekeeper.api.HookExecution;

@Command(scope = "hook", name = "retry", description = "Runs a recorded execution's hook again for the same event "
        + "(on the leader)")
@Service
public class HookRetry extends HookActionSupport {

    @Argument(name = "execution", description = "The execution id, from hook:log", required = true)
    long execution;

    @Override
    public Object execute() {
        HookExecution started = hooks().retry(execution);
        System.out.println("execution " + started.id() + ": hook " + started.hook() + " for " + started.event() + " "
                + started.objectName() + ", attempt " + started.attempt() + " (see hook:log)");
        return null;
    }
}
