package dev.keydesk.core.connection;

import dev.keydesk.core.common.UserMessage;

/**
 * What to tell the person when profiles.json could not be written: what happened, what is safe,
 * what to do. Only exception type names are shown: a file system message may quote anything.
 */
public final class ProfileWriteErrors {

    private ProfileWriteErrors() {
    }

    public static UserMessage profileNotSaved(ProfileStore store, Profile profile, Throwable error) {
        return new UserMessage("Profile not saved",
                "The profile “" + profile.name() + "” could not be saved to " + store.file()
                        + " (" + reason(error) + ").",
                "The profiles saved before are unchanged: the file is replaced whole or not at all. "
                        + "No admin key is ever written to it.",
                "Check that " + folder(store) + " exists and is writable, then try again.", null);
    }

    public static UserMessage profileNotDeleted(ProfileStore store, Profile profile, Throwable error) {
        return new UserMessage("Profile not deleted",
                "The profile “" + profile.name() + "” could not be removed from " + store.file()
                        + " (" + reason(error) + ").",
                "The profile and its admin key are kept as they were.",
                "Check that " + folder(store) + " is writable, then try again.", null);
    }

    public static UserMessage lastUsedNotRemembered(ProfileStore store, Profile profile, Throwable error) {
        return new UserMessage("Last connection not remembered",
                "You are connected to “" + profile.name() + "”, but KeyDesk could not note that in "
                        + store.file() + " (" + reason(error) + ").",
                "The connection works, and your saved profiles are unchanged.",
                "Check that " + folder(store) + " is writable. Until then, KeyDesk starts with the "
                        + "connection it remembered before.", null);
    }

    private static String folder(ProfileStore store) {
        return String.valueOf(store.file().toAbsolutePath().getParent());
    }

    private static String reason(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current.getClass().getSimpleName();
    }
}
