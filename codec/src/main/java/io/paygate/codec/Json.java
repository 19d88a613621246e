package io.paygate.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper of the wire: snake_case fields, unknown fields ignored (WeChat Pay adds fields
 * over time and the SDKs ignore them too), duplicate keys rejected, no scalar coercion ("100" is not
 * an amount, 1.0 is not an integer), and tightened parser limits so a hostile body cannot cost more
 * than its size.
 */
public final class Json {

    /** Deepest nesting accepted in a request body. */
    public static final int NESTING_DEPTH_MAX = 32;
    /** Longest JSON string value accepted, in chars. */
    public static final int STRING_LENGTH_MAX = 8 * 1024;
    /** Longest JSON number accepted, in chars. */
    public static final int NUMBER_LENGTH_MAX = 32;
    /** Longest JSON property name accepted, in chars. */
    public static final int NAME_LENGTH_MAX = 256;
    /** Largest document the parser will read; the HTTP layer enforces the same body limit first. */
    public static final int DOCUMENT_LENGTH_MAX = 64 * 1024;

    private static final ObjectMapper MAPPER = build();
    /** A reader per request type: the mapper looks the root deserializer up again on every call. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private Json() {
    }

    private static ObjectMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(NESTING_DEPTH_MAX)
                        .maxStringLength(STRING_LENGTH_MAX)
                        .maxNumberLength(NUMBER_LENGTH_MAX)
                        .maxNameLength(NAME_LENGTH_MAX)
                        .maxDocumentLength(DOCUMENT_LENGTH_MAX)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** The shared mapper; thread-safe once built. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a request body into {@code type}. Every failure becomes a {@link JsonInputException} whose
     * message is safe to return to the client (it names the field, never echoes large input).
     */
    public static <T> T read(byte[] body, int offset, int length, Class<T> type) {
        if (length == 0) {
            throw new JsonInputException("请求体为空 (empty request body)");
        }
        try {
            T value = READERS.get(type).readValue(body, offset, length);
            if (value == null) {
                throw new JsonInputException("请求体不能为null (body must be a JSON object)");
            }
            return value;
        } catch (JsonInputException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw overLimit(e);
        } catch (MismatchedInputException e) {
            throw new JsonInputException("字段类型错误 (invalid value for " + path(e) + ")");
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new JsonInputException("JSON格式错误 (unreadable body)");
        }
    }

    /** Parses a body into a tree (admin and sandbox endpoints with small, loose bodies). */
    public static JsonNode readTree(byte[] body, int offset, int length) {
        if (length == 0) {
            throw new JsonInputException("请求体为空 (empty request body)");
        }
        try {
            JsonNode node = MAPPER.readTree(MAPPER.getFactory().createParser(body, offset, length));
            if (node == null || !node.isObject()) {
                throw new JsonInputException("请求体必须是JSON对象 (body must be a JSON object)");
            }
            return node;
        } catch (JsonInputException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw overLimit(e);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new JsonInputException("JSON格式错误 (unreadable body)");
        }
    }

    /** Serialises a response model; fields that are null are left out. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static JsonInputException overLimit(StreamConstraintsException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String which;
        if (m.contains("nesting depth")) {
            which = "nesting deeper than " + NESTING_DEPTH_MAX;
        } else if (m.contains("Number value length") || m.contains("number")) {
            which = "a number longer than " + NUMBER_LENGTH_MAX + " characters";
        } else if (m.contains("Name length") || m.contains("name")) {
            which = "a field name longer than " + NAME_LENGTH_MAX + " characters";
        } else if (m.contains("String value length") || m.contains("String")) {
            which = "a string longer than " + STRING_LENGTH_MAX + " characters";
        } else if (m.contains("Document")) {
            which = "a document larger than " + DOCUMENT_LENGTH_MAX + " bytes";
        } else {
            which = "a parser limit";
        }
        return new JsonInputException("请求体超出限制 (body exceeds " + which + ")");
    }

    /**
     * Jackson's parse messages quote the offending input (a duplicate key, an unrecognized token, an
     * out-of-range number), so the client gets only the position. A limit hit while binding a field
     * arrives wrapped and is reported as the limit it is.
     */
    private static JsonInputException malformed(JsonProcessingException e) {
        if (e.getCause() instanceof StreamConstraintsException limit) {
            return overLimit(limit);
        }
        JsonLocation at = e.getLocation();
        return new JsonInputException(at == null
                ? "JSON格式错误 (malformed JSON)"
                : "JSON格式错误 (malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown";
        }
        int nl = message.indexOf('\n');
        String line = nl >= 0 ? message.substring(0, nl) : message;
        return line.length() > 160 ? line.substring(0, 160) : line;
    }
}
