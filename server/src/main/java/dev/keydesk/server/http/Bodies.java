package dev.keydesk.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Reads a request body the one way every endpoint does: at most {@value #MAX_BYTES} bytes
 * however it is framed (a chunked body has no Content-Length to check up front), decoded in the
 * charset the Content-Type names (UTF-8 if none). A client's mistake in any of it is a 4xx.
 */
public final class Bodies {

    public static final int MAX_BYTES = 1_000_000;

    private Bodies() {}

    public static String read(Context ctx) {
        Charset charset = charset(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            // Jetty's parser rejected the framing (a bad chunk size, a body cut short): the
            // client's fault, and the connection is closed after this answer.
            throw ApiError.malformed("The request body could not be read: bad chunked encoding or a body shorter "
                    + "than its Content-Length.", null);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.malformed("The request body is not valid " + charset.name() + ".", null);
        }
    }

    private static ApiError tooLarge() {
        return ApiError.of(413, "malformed_request", "The request body is too large (at most 1 MB).");
    }

    private static Charset charset(Context ctx) {
        String contentType = ctx.req().getContentType();
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        String name = null;
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                name = p.substring(8).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
            }
        }
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw ApiError.malformed("The Content-Type names an unknown charset; send JSON in UTF-8.", "Content-Type");
        }
    }
}
