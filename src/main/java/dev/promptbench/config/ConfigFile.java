package dev.promptbench.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A promptbench YAML config file: named profiles of endpoints and an optional default profile.
 * Everything is checked when the file is read, so a typo fails the run instead of being ignored.
 */
public final class ConfigFile {
    /** The profile name that always means the built-in simulator, even without a config file. */
    public static final String SIMULATOR = "simulator";

    private static final Set<String> TOP_KEYS = Set.of("default_profile", "profiles", "prices", "price_multipliers");

    private final String source;
    private final String defaultProfile;
    private final Map<String, Profile> profiles;
    private final PriceSettings prices;

    private ConfigFile(String source, String defaultProfile, Map<String, Profile> profiles, PriceSettings prices) {
        this.source = source;
        this.defaultProfile = defaultProfile;
        this.profiles = profiles; // insertion-ordered, so listings follow the file
        this.prices = prices;
    }

    /** Reads and checks {@code path}; every problem is a one-line {@link ConfigException}. */
    public static ConfigFile load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + path + " not found");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + " (" + IoReason.of(e) + ")");
        }
        return parse(text, path.toString());
    }

    /** Parses YAML text; {@code source} names it in messages (usually the file path). */
    public static ConfigFile parse(String yaml, String source) {
        JsonNode root = readTree(yaml, source);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source + ": the config file is empty; it needs a profiles: section");
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": expected a mapping with profiles: at the top level");
        }
        ProfileReader reader = new ProfileReader(source);
        reader.checkKeys(root, TOP_KEYS, "at the top level");
        JsonNode profilesNode = root.get("profiles");
        if (profilesNode == null || !profilesNode.isObject() || profilesNode.isEmpty()) {
            throw new ConfigException(source + ": profiles: must be a mapping with at least one profile");
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : profilesNode.properties()) {
            profiles.put(entry.getKey(), reader.profile(entry.getKey(), entry.getValue()));
        }
        String defaultName = reader.text(root, "default_profile", "at the top level");
        PriceReader priceReader = new PriceReader(source);
        JsonNode multipliers = root.get("price_multipliers");
        PriceSettings prices = new PriceSettings(priceReader.models(root.get("prices")),
                priceReader.tierMultipliers(multipliers), priceReader.batchMultiplier(multipliers), source);
        ConfigFile file = new ConfigFile(source, defaultName, Collections.unmodifiableMap(profiles), prices);
        if (defaultName != null && !file.has(defaultName)) {
            throw new ConfigException(source + ": default_profile '" + defaultName + "' is not a profile here ("
                    + file.knownNames() + ")");
        }
        return file;
    }

    /** The file the profiles came from, as given. */
    public String source() { return source; }

    /** The file's {@code prices:} per model and {@code price_multipliers:}. */
    public PriceSettings prices() { return prices; }

    /** The {@code default_profile}, if the file names one. */
    public Optional<String> defaultProfile() { return Optional.ofNullable(defaultProfile); }

    /** Profile names in file order. */
    public List<String> profileNames() { return List.copyOf(profiles.keySet()); }

    /** The named profile; {@code simulator} is built in unless the file defines it. */
    public Profile profile(String name) {
        Profile profile = profiles.get(name);
        if (profile != null) {
            return profile;
        }
        if (name.equals(SIMULATOR)) {
            return Profile.builtInSimulator();
        }
        throw new ConfigException("unknown profile '" + name + "' in " + source + " (" + knownNames() + ")");
    }

    private boolean has(String name) {
        return profiles.containsKey(name) || name.equals(SIMULATOR);
    }

    /** "profiles: a, b, simulator": the names a --profile may take, for messages. */
    String knownNames() {
        List<String> names = new ArrayList<>(profiles.keySet());
        if (!profiles.containsKey(SIMULATOR)) {
            names.add(SIMULATOR);
        }
        return "profiles: " + String.join(", ", names);
    }

    private static JsonNode readTree(String yaml, String source) {
        ObjectMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        try {
            return mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + yamlProblem(e));
        }
    }

    /** " line N: invalid YAML: problem", one line, from SnakeYAML's problem mark when there is one. */
    private static String yamlProblem(JsonProcessingException e) {
        String problem = firstLine(e.getOriginalMessage());
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            problem = firstLine(marked.getProblem());
            if (marked.getProblemMark() != null) {
                line = marked.getProblemMark().getLine() + 1; // SnakeYAML counts from 0
            }
        }
        if (problem.startsWith("Duplicate field ")) {
            int start = problem.indexOf('\'');
            int end = problem.indexOf('\'', start + 1);
            problem = "duplicate key " + (start >= 0 && end > start ? problem.substring(start, end + 1) : "");
        }
        return (line > 0 ? " line " + line : "") + ": invalid YAML: " + problem;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }
}
