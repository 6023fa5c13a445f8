package dev.keydesk.cli;

/** The {@code keydesk} executable. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CliEnvironment env = CliEnvironment.system();
        int code;
        try {
            code = KeydeskCommand.run(args, env);
        } finally {
            env.connector().close();
        }
        System.exit(code);
    }
}
