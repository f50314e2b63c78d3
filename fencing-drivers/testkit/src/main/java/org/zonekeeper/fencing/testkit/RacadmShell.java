package org.zonekeeper.fencing.testkit;

import java.io.IOException;

/**
 * The DRAC's interactive login shell: prints the banner and prompt, echoes what is typed (the client's terminal is
 * in raw mode), takes CR, LF or CR LF as one Enter, answers each line and prints the prompt again; "exit" (or
 * "logout", "quit") ends the session.
 */
final class RacadmShell extends RacadmSession {

    RacadmShell(RacadmEmulator emulator) {
        super(emulator);
    }

    @Override
    protected void serve() throws IOException, InterruptedException {
        String prompt = emulator.flavour().prompt();
        write(emulator.flavour().banner() + prompt);
        StringBuilder line = new StringBuilder();
        boolean afterCr = false;
        for (int b; (b = in.read()) >= 0;) {
            boolean lf = b == '\n';
            if (lf && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (afterCr || lf) {
                write("\r\n");
                String command = line.toString().trim();
                line.setLength(0);
                if (command.equals("exit") || command.equals("logout") || command.equals("quit")) {
                    exit.onExit(0);
                    return;
                }
                String answer = emulator.respond(command);
                write(answer.isEmpty() ? prompt : answer.replace("\n", "\r\n") + "\r\n" + prompt);
            } else if (b == 0x7f || b == 0x08) {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                    write("\b \b");
                }
            } else if (b >= 0x20) {
                line.append((char) b);
                out.write(b);
                out.flush();
            }
        }
        exit.onExit(0);
    }
}
