package org.zonekeeper.shell.internal;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.ZoneException;
import org.zonekeeper.api.fencing.FencingAttempt;
import org.zonekeeper.api.fencing.FencingResult;
import org.zonekeeper.api.fencing.FencingService;

/** Base of the fence: commands: the fencing service, and one table for device calls. */
public abstract class FencingActionSupport extends ZoneActionSupport {

    @Reference(optional = true)
    protected FencingService fencing;

    protected FencingService fencing() {
        if (fencing == null) {
            throw new ZoneException("fencing is not available: the zone server is not running on this server "
                    + "(see zone:show) or the zonekeeper-fencing bundle is not active");
        }
        return fencing;
    }

    /** Prints every device call; fails the command with the result's one-line summary unless it succeeded. */
    protected void report(FencingResult result) {
        print(result.attempts());
        if (!result.success()) {
            throw new ZoneException(result.summary());
        }
        System.out.println(result.summary());
    }

    protected static void print(List<FencingAttempt> attempts) {
        ShellTable table = new ShellTable();
        table.column("DEVICE");
        table.column("ACTION");
        table.column("PLUG");
        table.column("RESULT");
        table.column("MS");
        table.column("MESSAGE").maxSize(100);
        for (FencingAttempt a : attempts) {
            String result = a.succeeded() ? a.state().name()
                    : "FAILED " + a.failure().name().toLowerCase(Locale.ROOT);
            table.addRow().addContent(a.device(), a.action().label(), a.plug().isEmpty() ? "-" : a.plug(), result,
                    a.duration().toMillis(), a.message() == null ? "" : a.message());
        }
        table.print(System.out);
    }
}
