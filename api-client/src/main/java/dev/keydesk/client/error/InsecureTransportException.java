package dev.keydesk.client.error;

/** Refused before sending: the key would cross the network unencrypted (plain http to a host that is not loopback). */
public final class InsecureTransportException extends KeyApiException {

    public InsecureTransportException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

}
