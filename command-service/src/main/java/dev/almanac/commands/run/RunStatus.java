package dev.almanac.commands.run;

/** What a report says of a run. A run that succeeded or failed is finished: nothing changes it afterwards. */
public enum RunStatus {
    STARTED,
    SUCCEEDED,
    FAILED;

    boolean finished() {
        return this != STARTED;
    }
}
