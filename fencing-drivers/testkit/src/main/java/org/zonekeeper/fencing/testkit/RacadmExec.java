package org.zonekeeper.fencing.testkit;

import java.io.IOException;

/**
 * One command sent as an SSH exec request ({@code ssh root@drac racadm serveraction powerstatus}): its answer on
 * standard output, then exit status 0, or 1 when the answer is an ERROR.
 */
final class RacadmExec extends RacadmSession {
    private final String command;

    RacadmExec(RacadmEmulator emulator, String command) {
        super(emulator);
        this.command = command;
    }

    @Override
    protected void serve() throws IOException, InterruptedException {
        String answer = emulator.respond(command);
        write(answer + "\n");
        exit.onExit(answer.startsWith("ERROR") ? 1 : 0);
    }
}
