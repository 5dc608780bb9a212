package dev.almanac.commands.rule.change;

/**
 * How a change was given, which decides the field a refusal names: every part of an English
 * instruction is the {@code instruction}; a patch's parts are {@code patch.cron},
 * {@code patch.resume_after} and so on.
 */
enum ChangeSource {
    INSTRUCTION,
    PATCH;

    /** @param patchField the part of the patch, or empty for the change as a whole */
    String field(String patchField) {
        if (this == INSTRUCTION) {
            return ChangeInstructions.FIELD;
        }
        return patchField.isEmpty() ? "patch" : "patch." + patchField;
    }
}
