package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.HookExecution;

@Command(scope = "hook", name = "show", description = "Shows one hook execution with its arguments and output")
@Service
public class HookShow extends HookActionSupport {

    @Argument(name = "execution", description = "The execution id, from hook:log", required = true)
    long execution;

    @Override
    public Object execute() {
        HookExecution e = log().get(execution);
        ShellTable table = new ShellTable().noHeaders();
        table.column("FIELD");
        table.column("VALUE");
        table.addRow().addContent("ID", e.id());
        table.addRow().addContent("HOOK", e.hook());
        table.addRow().addContent("EVENT", e.event() + " (event " + e.eventId() + ")");
        table.addRow().addContent("OBJECT", e.objectType() + " " + e.objectId() + " " + e.objectName());
        table.addRow().addContent("ARGUMENTS", e.arguments());
        table.addRow().addContent("ATTEMPT", e.attempt() + (e.retryOf() == 0 ? "" : " (retry of " + e.retryOf() + ")"));
        table.addRow().addContent("STATE", e.state());
        table.addRow().addContent("EXIT", e.exitCode());
        table.addRow().addContent("STARTED", ZoneActionSupport.time(e.started()));
        table.addRow().addContent("ENDED", ZoneActionSupport.time(e.ended()));
        table.addRow().addContent("REASON", e.reason());
        table.print(System.out);
        System.out.println("--- stdout (last " + HookExecution.MAX_OUTPUT + " characters)");
        System.out.println(e.stdout());
        System.out.println("--- stderr");
        System.out.println(e.stderr());
        return null;
    }
}
