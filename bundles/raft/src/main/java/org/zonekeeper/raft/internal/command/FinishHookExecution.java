package org.zonekeeper.raft.internal.command;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;

import org.zonekeeper.api.HookExecution;
import org.zonekeeper.api.Validation;

/** Records how a hook execution ended. */
public final class FinishHookExecution extends ZoneCommand {

    private long id;
    private HookExecution.State state;
    private int exitCode;
    private String stdout;
    private String stderr;
    private String reason;

    public FinishHookExecution() {
    }

    public FinishHookExecution(long id, HookExecution.State state, int exitCode, String stdout, String stderr,
            String reason) {
        this.id = id;
        this.state = state;
        this.exitCode = exitCode;
        this.stdout = cut(stdout);
        this.stderr = cut(stderr);
        this.reason = reason == null ? "" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    /** Keeps the end of the output, where errors usually are. */
    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= HookExecution.MAX_OUTPUT ? text
                : text.substring(text.length() - HookExecution.MAX_OUTPUT);
    }

    public long id() {
        return id;
    }

    public HookExecution.State state() {
        return state;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    public String reason() {
        return reason;
    }

    @Override
    protected void check(Validation v) {
        v.require(id > 0, "hook execution id: must be positive")
                .require(state != null && state != HookExecution.State.RUNNING, "state: must be an end state");
    }

    @Override
    protected void writeFields(BufferOutput<?> out) {
        out.writeLong(id).writeByte(state.ordinal()).writeInt(exitCode);
        Wire.writeString(out, stdout);
        Wire.writeString(out, stderr);
        Wire.writeString(out, reason);
    }

    @Override
    protected void readFields(BufferInput<?> in) {
        id = in.readLong();
        state = HookExecution.State.values()[in.readByte()];
        exitCode = in.readInt();
        stdout = Wire.readString(in);
        stderr = Wire.readString(in);
        reason = Wire.readString(in);
    }
}
