package org.zonekeeper.testkit;

/**
 * A daemon a test starts for itself: stopped exactly once, on {@link #close()} or when the JVM exits, whichever
 * comes first.
 */
abstract class PrivateDaemon implements AutoCloseable {
    private Thread shutdownHook;
    private boolean stopped;

    /** Stops the daemon and removes what it left; called once. */
    protected abstract void stop();

    /** Registers the stop for JVM exit; the last thing a subclass constructor does. */
    protected final void stopAtExit(String name) {
        shutdownHook = new Thread(this::stopOnce, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public void close() {
        stopOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs (or ran) stopOnce()
        }
    }

    private synchronized void stopOnce() {
        if (!stopped) {
            stopped = true;
            stop();
        }
    }
}
