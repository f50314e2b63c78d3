package org.zonekeeper.fencing.fenceagent.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.zonekeeper.api.fencing.FencingException;
import org.zonekeeper.api.fencing.FencingException.Kind;
import org.zonekeeper.fencing.support.BmcCommand;

/** The parameters a fence agent accepts, from its {@code -o metadata} XML; read once per agent. */
final class AgentMetadata {
    private static final Pattern PARAMETER = Pattern.compile("<parameter\\s+name=\"([^\"]+)\"");

    private final Map<Path, Set<String>> parameters = new ConcurrentHashMap<>();

    Set<String> parameters(Path agent) throws FencingException {
        Set<String> known = parameters.get(agent);
        if (known == null) {
            known = read(agent);
            parameters.put(agent, known);
        }
        return known;
    }

    private static Set<String> read(Path agent) throws FencingException {
        BmcCommand.Result result = BmcCommand.of(agent.toString(), "-o", "metadata").run(Duration.ofSeconds(30));
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PARAMETER.matcher(result.stdout());
        while (m.find()) {
            names.add(m.group(1));
        }
        if (result.exitCode() != 0 || names.isEmpty()) {
            throw new FencingException(Kind.CONFIG, agent + " -o metadata gave no parameters (exit "
                    + result.exitCode() + "): is it a fence agent?");
        }
        return Set.copyOf(names);
    }
}
