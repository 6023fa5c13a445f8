package dev.keydesk.app;

/** The app's version, from the jar's manifest when packaged. */
final class Version {

    private Version() {
    }

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
