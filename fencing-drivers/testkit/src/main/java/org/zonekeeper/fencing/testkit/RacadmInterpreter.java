package org.zonekeeper.fencing.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.zonekeeper.fencing.testkit.RacadmEmulator.Flavour;

/**
 * Answers one racadm command line the way the DRAC's shell prints it. Only {@code serveraction} is known:
 * {@code powerstatus}, {@code powerdown}, {@code powerup}, {@code powercycle}, {@code hardreset} and
 * {@code graceshutdown}, with {@code -m MODULE} before or after the action (CMC only, and required there).
 */
final class RacadmInterpreter {
    static final String SUCCESS = "Server power operation successful";

    private final Flavour flavour;
    private final Map<String, Chassis> modules;

    RacadmInterpreter(Flavour flavour, Map<String, Chassis> modules) {
        this.flavour = flavour;
        this.modules = modules;
    }

    /** The answer to {@code line}, lines separated by "\n"; errors start with "ERROR:"; "" for an empty line. */
    String answer(String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
        if (words.get(0).isEmpty()) {
            return "";
        }
        if (words.get(0).equals("racadm")) {
            words.remove(0);
            if (words.isEmpty()) {
                return "ERROR: No subcommand specified. Type \"racadm help\" for a list of subcommands.";
            }
        } else if (flavour != Flavour.CMC) {
            // The DRAC 5 and iDRAC shells run racadm subcommands only through "racadm"; a CMC takes them bare.
            return "ERROR: Invalid command: " + words.get(0);
        }
        if (!words.get(0).equals("serveraction")) {
            return "ERROR: Invalid subcommand specified: " + words.get(0);
        }
        return serverAction(words.subList(1, words.size()));
    }

    private String serverAction(List<String> args) {
        String module = null;
        String action = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-m")) {
                if (i + 1 == args.size()) {
                    return "ERROR: The -m option needs a module name.";
                }
                module = args.get(++i);
            } else if (arg.equals("-f")) {
                continue;
            } else if (action == null) {
                action = arg;
            } else {
                return "ERROR: Invalid number of arguments.";
            }
        }
        if (action == null) {
            return "ERROR: No action specified.";
        }
        Chassis chassis;
        if (flavour == Flavour.CMC) {
            if (module == null) {
                return "ERROR: The -m option is required: specify a server module (for example -m server-1).";
            }
            chassis = modules.get(module);
            if (chassis == null) {
                return "ERROR: Invalid module: " + module;
            }
        } else {
            if (module != null) {
                return "ERROR: Invalid option: -m";
            }
            chassis = modules.values().iterator().next();
        }
        return act(chassis, action);
    }

    private String act(Chassis chassis, String action) {
        switch (action) {
            case "powerstatus":
                String state = chassis.isOn() ? "ON" : "OFF";
                return flavour == Flavour.CMC ? state : "Server power status: " + state;
            case "powerdown":
            case "graceshutdown":
                if (!chassis.isOn()) {
                    return "ERROR: Server is already powered OFF.";
                }
                chassis.powerOff();
                return SUCCESS;
            case "powerup":
                if (chassis.isOn()) {
                    return "ERROR: Server is already powered ON.";
                }
                chassis.powerOn();
                return SUCCESS;
            case "powercycle":
            case "hardreset":
                if (!chassis.isOn()) {
                    return "ERROR: Server is powered OFF: use powerup.";
                }
                chassis.cycle();
                return SUCCESS;
            default:
                return "ERROR: Invalid action specified: " + action;
        }
    }
}
