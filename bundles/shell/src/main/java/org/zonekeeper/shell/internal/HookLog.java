package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.HookExecution;

@Command(scope = "hook", name = "log", description = "Shows the replicated hook execution log, newest first")
@Service
public class HookLog extends HookActionSupport {

    @Option(name = "--hook", description = "Only this hook's executions")
    @Completion(HookCompleter.class)
    String hook;

    @Option(name = "--failed", description = "Only failed executions")
    boolean failed;

    @Option(name = "--max", description = "Executions shown at most (default 50)")
    int max = 50;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("HOOK");
        table.column("EVENT");
        table.column("OBJECT");
        table.column("ATTEMPT");
        table.column("STATE");
        table.column("EXIT");
        table.column("STARTED");
        table.column("ENDED");
        table.column("REASON");
        log().list(10_000).stream()
                .filter(e -> hook == null || e.hook().equals(hook))
                .filter(e -> !failed || e.state() == HookExecution.State.FAILED)
                .limit(max)
                .forEach(e -> table.addRow().addContent(e.id(), e.hook(), e.event(), e.objectName(), e.attempt(),
                        e.state(), e.exitCode(), ZoneActionSupport.time(e.started()),
                        ZoneActionSupport.time(e.ended()), e.reason().isEmpty() ? "-" : e.reason()));
        table.print(System.out);
        return null;
    }
}
