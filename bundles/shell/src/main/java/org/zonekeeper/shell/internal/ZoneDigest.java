package org.zonekeeper.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.zonekeeper.api.DatabaseStatus;

@Command(scope = "zone", name = "digest", description = "Shows this server's database, its applied log index and "
        + "a digest of its content, equal on servers that applied the same entries")
@Service
public class ZoneDigest extends ZoneAdminSupport {

    @Override
    public Object execute() {
        DatabaseStatus db = zone().database();
        ShellTable table = new ShellTable();
        table.column("DATABASE");
        table.column("APPLIED");
        table.column("DIGEST");
        table.addRow().addContent(db.database(), db.appliedIndex(), db.digest());
        table.print(System.out);
        return null;
    }
}
