package org.zonekeeper.example.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.zonekeeper.api.Hook;
import org.zonekeeper.api.ZoneEvent;

/** Appends each host and VM event, one line each, to a file on the leader. */
@Component(configurationPid = EventJournalHook.Config.PID, property = {Hook.NAME + "=event-journal",
        Hook.EVENTS + "=HOST/*", Hook.EVENTS + "=VM/*"})
@Designate(ocd = EventJournalHook.Config.class)
public final class EventJournalHook implements Hook {

    @ObjectClassDefinition(id = Config.PID, name = "zonekeeper example: event journal hook",
            description = "Appends every host and VM event to a file.")
    @interface Config {
        String PID = "org.zonekeeper.example.journal";

        @AttributeDefinition(name = "file", description = "The journal file; relative to karaf.data.")
        String file() default "event-journal.log";
    }

    private final Path file;

    @Activate
    public EventJournalHook(Config config) {
        this.file = Path.of(System.getProperty("karaf.data", ".")).resolve(config.file());
    }

    @Override
    public void run(ZoneEvent event) throws IOException {
        String line = Instant.ofEpochMilli(event.time()) + " " + event.id() + " " + event.name() + " "
                + event.objectName() + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
