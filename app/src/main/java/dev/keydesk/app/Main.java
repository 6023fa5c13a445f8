package dev.keydesk.app;

import javafx.application.Application;

/**
 * The launcher. A class that extends {@link Application} and is started from the classpath fails
 * with "JavaFX runtime components are missing"; a plain main that calls launch does not.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(KeyDeskApp.class, args);
    }
}
