package dev.keydesk.core.common;

/**
 * An error or notice as a person should read it: what happened, what is safe (nothing lost,
 * nothing changed, or what did change), and what to do next.
 *
 * @param requestId the server's request id for support, or null
 */
public record UserMessage(String title, String whatHappened, String whatIsSafe, String whatToDo, String requestId) {
}
