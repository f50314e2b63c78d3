package org.zonekeeper.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the tables Karaf's ShellTable prints ({@code A | B | C} under a header row). */
public final class ZoneTable {

    private ZoneTable() {
    }

    /** Rows of the table whose header holds {@code column}, each row as header to cell. */
    public static List<Map<String, String>> rows(String output, String column) {
        List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (String line : output.split("\n")) {
            String[] cells = line.trim().split("\\s*\\|\\s*");
            if (header == null) {
                if (List.of(cells).contains(column)) {
                    header = cells;
                }
            } else if (line.startsWith("-")) {
                continue;
            } else if (cells.length == header.length) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            } else {
                break;
            }
        }
        return rows;
    }

    /** The value of {@code field} in a two-column FIELD | VALUE table without header (host:show, vm:show). */
    public static String field(String output, String field) {
        for (String line : output.split("\n")) {
            String[] cells = line.trim().split("\\s*\\|\\s*", 2);
            if (cells.length == 2 && cells[0].equals(field)) {
                return cells[1].trim();
            }
        }
        throw new AssertionError("no field " + field + " in:\n" + output);
    }

    /** The zone:show status row of server {@code id}. */
    public static Map<String, String> server(String zoneShow, int id) {
        return rows(zoneShow, "STATE").stream().filter(r -> r.get("ID").equals(Integer.toString(id))).findFirst()
                .orElseThrow(() -> new AssertionError("no status row for server " + id + " in:\n" + zoneShow));
    }
}
