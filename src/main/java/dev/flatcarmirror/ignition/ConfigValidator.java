package dev.flatcarmirror.ignition;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a config the way Ignition will read it at first boot, so a mistake is found when it is uploaded
 * rather than on a machine that then does not boot: UTF-8 JSON with no duplicate keys, a supported
 * {@code ignition.version}, only the spec's top-level sections, and every source URL of a scheme that spec
 * version fetches, with a well-formed verification hash. It does not re-implement the whole spec (field
 * names below the sections are Ignition's to judge); it catches what breaks a boot most often.
 */
final class ConfigValidator {

    /** The document, parsed, and the spec version it declares; or the errors. */
    record Result(JsonNode document, IgnitionSpec spec, String text, List<ConfigError> errors) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern SHA512 = Pattern.compile("sha512-[0-9a-f]{128}");
    private static final Pattern SHA256 = Pattern.compile("sha256-[0-9a-f]{64}");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:s3:[^:]*:[0-9]*:.+");

    private final long maxBytes;

    ConfigValidator(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Result validate(byte[] content) {
        if (content.length > maxBytes) {
            return failed(ConfigError.of("$", ConfigProblem.TOO_LARGE, "the config is " + content.length
                    + " bytes, more than mirror.ignition.max-size (" + maxBytes + " bytes)"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return failed(ConfigError.of("$", ConfigProblem.MALFORMED_JSON, "the config is not UTF-8 text"));
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JacksonException e) {
            return failed(ConfigError.of("$", ConfigProblem.MALFORMED_JSON, "not well-formed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
        }
        if (root == null || !root.isObject()) {
            return failed(ConfigError.of("$", ConfigProblem.WRONG_TYPE, "a config is a JSON object"));
        }
        List<ConfigError> errors = new ArrayList<>();
        IgnitionSpec spec = version(root, errors);
        if (spec == null) {
            return new Result(root, null, text, List.copyOf(errors));
        }
        for (Map.Entry<String, JsonNode> section : root.properties()) {
            String path = "$." + section.getKey();
            if (!spec.sections().contains(section.getKey())) {
                errors.add(ConfigError.of(path, ConfigProblem.UNKNOWN_SECTION, "'" + section.getKey() + "' is not a section of spec "
                        + spec.version() + " (" + String.join(", ", spec.sections().stream().sorted().toList()) + ")"));
            } else if (!section.getValue().isObject()) {
                errors.add(ConfigError.of(path, ConfigProblem.WRONG_TYPE, "must be an object"));
            }
        }
        new Sources(spec, errors).check(root);
        return new Result(root, spec, text, List.copyOf(errors));
    }

    private static IgnitionSpec version(JsonNode root, List<ConfigError> errors) {
        JsonNode ignition = root.get("ignition");
        if (ignition == null || !ignition.isObject()) {
            errors.add(ConfigError.of("$.ignition", ignition == null ? ConfigProblem.MISSING_VERSION : ConfigProblem.WRONG_TYPE,
                    "an object with the spec version, e.g. {\"version\": \"3.5.0\"}, is required"));
            return null;
        }
        JsonNode version = ignition.get("version");
        if (version == null || !version.isString()) {
            errors.add(ConfigError.of("$.ignition.version", version == null ? ConfigProblem.MISSING_VERSION : ConfigProblem.WRONG_TYPE,
                    "a string naming the spec version is required, one of " + IgnitionSpec.supported()));
            return null;
        }
        IgnitionSpec spec = IgnitionSpec.of(version.asString()).orElse(null);
        if (spec == null) {
            errors.add(ConfigError.of("$.ignition.version", ConfigProblem.UNSUPPORTED_VERSION, "'"
                    + dev.flatcarmirror.Untrusted.shown(version.asString()) + "' is not a supported spec version; supported: "
                    + IgnitionSpec.supported()));
        }
        return spec;
    }

    private static Result failed(ConfigError error) {
        return new Result(null, null, null, List.of(error));
    }

    /** Walks the places where the spec puts a resource URL. */
    private static final class Sources {

        private final IgnitionSpec spec;
        private final List<ConfigError> errors;

        Sources(IgnitionSpec spec, List<ConfigError> errors) {
            this.spec = spec;
            this.errors = errors;
        }

        void check(JsonNode root) {
            JsonNode ignition = root.get("ignition");
            object(ignition, "$.ignition", "config", (config, path) -> {
                array(config, path, "merge", (merge, at) -> resource(merge, at, true));
                object(config, path, "replace", (replace, at) -> resource(replace, at, true));
            });
            object(ignition, "$.ignition", "security", (security, path) -> object(security, path, "tls", (tls, at) ->
                    array(tls, at, "certificateAuthorities", (ca, caPath) -> resource(ca, caPath, true))));
            object(root, "$", "storage", (storage, path) -> {
                array(storage, path, "files", (file, at) -> {
                    object(file, at, "contents", (contents, contentsPath) -> resource(contents, contentsPath, false));
                    array(file, at, "append", (fragment, fragmentPath) -> resource(fragment, fragmentPath, false));
                });
                array(storage, path, "luks", (luks, at) -> object(luks, at, "keyFile", (key, keyPath) -> resource(key, keyPath, false)));
            });
        }

        private void object(JsonNode parent, String parentPath, String field, BiConsumer<JsonNode, String> then) {
            JsonNode node = parent == null || !parent.isObject() ? null : parent.get(field);
            if (node == null || node.isNull()) {
                return;
            }
            String path = parentPath + "." + field;
            if (!node.isObject()) {
                errors.add(ConfigError.of(path, ConfigProblem.WRONG_TYPE, "must be an object"));
                return;
            }
            then.accept(node, path);
        }

        private void array(JsonNode parent, String parentPath, String field, BiConsumer<JsonNode, String> each) {
            JsonNode node = parent == null || !parent.isObject() ? null : parent.get(field);
            if (node == null || node.isNull()) {
                return;
            }
            String path = parentPath + "." + field;
            if (!node.isArray()) {
                errors.add(ConfigError.of(path, ConfigProblem.WRONG_TYPE, "must be a list"));
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                String at = path + "[" + i + "]";
                if (!node.get(i).isObject()) {
                    errors.add(ConfigError.of(at, ConfigProblem.WRONG_TYPE, "must be an object"));
                } else {
                    each.accept(node.get(i), at);
                }
            }
        }

        private void resource(JsonNode resource, String path, boolean sourceRequired) {
            JsonNode source = resource.get("source");
            if (source == null || source.isNull()) {
                if (sourceRequired) {
                    errors.add(ConfigError.of(path + ".source", ConfigProblem.UNSUPPORTED_URL, "a source URL is required"));
                }
            } else if (!source.isString()) {
                errors.add(ConfigError.of(path + ".source", ConfigProblem.WRONG_TYPE, "must be a string"));
            } else {
                url(source.asString(), path + ".source");
            }
            JsonNode verification = resource.get("verification");
            if (verification != null && verification.isObject() && verification.get("hash") != null && !verification.get("hash").isNull()) {
                hash(verification.get("hash"), path + ".verification.hash");
            }
        }

        private void url(String value, String path) {
            int colon = value.indexOf(':');
            String scheme = colon <= 0 ? "" : value.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!spec.schemes().contains(scheme)) {
                errors.add(ConfigError.of(path, ConfigProblem.UNSUPPORTED_URL, (scheme.isEmpty() ? "'" + shown(value) + "' has no scheme"
                        : "scheme '" + shown(scheme) + "' is not supported by spec " + spec.version()) + "; supported: "
                        + String.join(", ", spec.schemes())));
                return;
            }
            String wrong = switch (scheme) {
                case "data" -> value.indexOf(',') < 0 ? "a data URL needs a ',' before its data (RFC 2397)" : null;
                case "arn" -> ARN.matcher(value).matches() ? null : "an ARN source is an S3 one, arn:aws:s3:<region>:<account>:...";
                default -> hierarchical(value);
            };
            if (wrong != null) {
                errors.add(ConfigError.of(path, ConfigProblem.UNSUPPORTED_URL, "'" + shown(value) + "': " + wrong));
            }
        }

        private static String hierarchical(String value) {
            try {
                URI uri = new URI(value);
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    return "names no host (or bucket)";
                }
                return null;
            } catch (URISyntaxException e) {
                return "not a URL: " + e.getReason();
            }
        }

        private void hash(JsonNode hash, String path) {
            String value = hash.isString() ? hash.asString() : "";
            boolean ok = SHA512.matcher(value).matches() || (spec.allowsSha256() && SHA256.matcher(value).matches());
            if (!ok) {
                errors.add(ConfigError.of(path, ConfigProblem.BAD_HASH, "must be sha512-<128 lowercase hex digits>"
                        + (spec.allowsSha256() ? " or sha256-<64 lowercase hex digits>" : " (spec 3.0.0 has no sha256)")));
            }
        }

        private static String shown(String value) {
            return dev.flatcarmirror.Untrusted.shown(value);
        }
    }
}
