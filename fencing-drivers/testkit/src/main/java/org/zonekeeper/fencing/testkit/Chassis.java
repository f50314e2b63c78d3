package org.zonekeeper.fencing.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The power side of an emulated server, shared by the BMC emulators: a power state, what happens when it changes,
 * and the faults a test can switch on.
 */
public final class Chassis {

    private volatile boolean on = true;
    private volatile boolean stuck;
    private volatile Runnable whenOff = () -> { };
    private volatile Runnable whenOn = () -> { };
    private final AtomicInteger powerCommands = new AtomicInteger();

    public boolean isOn() {
        return on;
    }

    /** Sets the state without counting a command or running the actions (test setup). */
    public void setOn(boolean on) {
        this.on = on;
    }

    /** When stuck, power commands are accepted but the state never changes (a BMC that never reaches OFF). */
    public Chassis stuck(boolean stuck) {
        this.stuck = stuck;
        return this;
    }

    /** Runs {@code action} each time the chassis goes from on to off (e.g. kill the host's processes). */
    public Chassis whenOff(Runnable action) {
        this.whenOff = action;
        return this;
    }

    public Chassis whenOn(Runnable action) {
        this.whenOn = action;
        return this;
    }

    /** How many power-changing commands the BMC accepted. */
    public int powerCommands() {
        return powerCommands.get();
    }

    public synchronized void powerOff() {
        powerCommands.incrementAndGet();
        if (!stuck && on) {
            on = false;
            whenOff.run();
        }
    }

    public synchronized void powerOn() {
        powerCommands.incrementAndGet();
        if (!stuck && !on) {
            on = true;
            whenOn.run();
        }
    }

    /** A power cycle: off then on, as one command. */
    public synchronized void cycle() {
        powerOff();
        powerCommands.decrementAndGet();
        powerOn();
    }
}
