package io.inflow.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

/** JSON in and out: strict reading (unknown fields are errors) with messages a person understands. */
public final class Json {
    private final ObjectMapper mapper;

    public Json() {
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1_000_000).build());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads the request body as T, refusing bodies over maxBytes with 413. */
    public <T> T read(Context ctx, Class<T> type, int maxBytes) {
        return parse(body(ctx, maxBytes), type);
    }

    public <T> T parse(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw Problem.badRequest("the request body is empty; a JSON object was expected");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw Problem.badRequest("the request body is null; a JSON object was expected");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw Problem.badRequest("unknown field '" + field + "'",
                    List.of(new Problem.FieldError(field, "is not a known field")));
        } catch (MismatchedInputException e) {
            String field = path(e);
            String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
            throw Problem.badRequest(field.isEmpty() ? "the body has the wrong shape: expected " + expected
                            : "field '" + field + "' has the wrong type: expected " + expected,
                    List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, "expected " + expected)));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException broken) {
                throw malformed(broken);
            }
            String field = path(e);
            throw Problem.badRequest("field '" + field + "' is invalid",
                    List.of(new Problem.FieldError(field, "is invalid")));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw Problem.badRequest("the request body could not be read");
        }
    }

    /** The raw body, at most maxBytes; larger bodies are refused before they are read whole. */
    public static byte[] body(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            discard(ctx, declared);
            throw Problem.tooLarge("the body is " + declared + " bytes; at most " + maxBytes + " are accepted");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw Problem.tooLarge("the body is larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw Problem.badRequest("the request body could not be read");
        }
    }

    /**
     * Reads and drops a refused body that is still on its way (up to 1 MB, the server's request limit),
     * so the client, still sending, reads the 413 instead of a reset connection.
     */
    private static void discard(Context ctx, long declared) {
        if (declared > 1_000_000) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away; the answer does not matter any more
        }
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static Problem malformed(JsonProcessingException e) {
        var loc = e.getLocation();
        return Problem.badRequest("malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == String.class) return "a string";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "an array";
        if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase();
        return "an object";
    }
}
