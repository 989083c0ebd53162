package dev.promptbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileTest {
    private static final String FILE = "test.yaml";

    private static ConfigException failure(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigFile.parse(yaml, FILE));
    }

    @Test
    void singleEndpointProfile() {
        ConfigFile config = ConfigFile.parse("""
                default_profile: azure
                profiles:
                  azure:
                    provider: azure
                    url: https://contoso.openai.azure.com
                    deployment: gpt-4o-mini
                    api_version: 2024-10-21
                    key_env: AZURE_OPENAI_API_KEY
                    max_tokens_field: max_tokens
                """, FILE);
        assertEquals(Optional.of("azure"), config.defaultProfile());
        Profile profile = config.profile("azure");
        assertFalse(profile.simulator());
        assertEquals(List.of(new EndpointSpec(null, Provider.AZURE, new EndpointSpec.Address(
                "https://contoso.openai.azure.com", "gpt-4o-mini", null, "2024-10-21"), "AZURE_OPENAI_API_KEY",
                "max_tokens", null, null, null, null)), profile.endpoints());
    }

    @Test
    void listProfileKeepsOrderNamesAndBudgets() {
        ConfigFile config = ConfigFile.parse("""
                profiles:
                  pool:
                    endpoints:
                      - {name: east, provider: azure, url: https://e.openai.azure.com, deployment: d,
                         key_env: AZURE_EAST_KEY, weight: 2, tpm: 30000, rpm: 180}
                      - {url: https://w.openai.azure.com, deployment: d, key_env: AZURE_WEST_KEY, weight: 0.5}
                """, FILE);
        List<EndpointSpec> specs = config.profile("pool").endpoints();
        assertEquals(2, specs.size());
        assertEquals(new EndpointSpec("east", Provider.AZURE, new EndpointSpec.Address("https://e.openai.azure.com",
                "d", null, null), "AZURE_EAST_KEY", null, new EndpointSpec.Rates(2.0, 30000, 180), null, null, null),
                specs.get(0));
        assertEquals("endpoint-2", specs.get(1).name());
        assertNull(specs.get(1).provider(), "inferred later from the URL");
        assertEquals(0.5, specs.get(1).rates().weight());
    }

    @Test
    void simulatorProfileAndBuiltInSimulator() {
        ConfigFile config = ConfigFile.parse("""
                profiles:
                  sim: {provider: simulator}
                  openai: {provider: openai, model: gpt-4o-mini}
                """, FILE);
        assertTrue(config.profile("sim").simulator());
        assertTrue(config.profile("simulator").simulator());
        assertEquals(List.of("sim", "openai"), config.profileNames());
    }

    @Test
    void unknownKeyNamesTheKeyAndTheFile() {
        ConfigException e = failure("""
                profiles:
                  azure:
                    url: https://contoso.openai.azure.com
                    deploymnet: gpt-4o-mini
                """);
        assertTrue(e.getMessage().startsWith("test.yaml: in profile 'azure': unknown key 'deploymnet'"), e.getMessage());
    }

    @Test
    void unknownTopLevelKey() {
        ConfigException e = failure("profile:\n  a: {provider: openai}\n");
        assertTrue(e.getMessage().contains("unknown key 'profile'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "key", "apikey", "api-key", "openai_key", "client_secret"})
    void keysWrittenAsValuesAreRejectedWithoutEchoingThem(String keyName) {
        ConfigException e = failure("profiles:\n  azure:\n    url: https://c.openai.azure.com\n    "
                + keyName + ": sk-FAKE-0123456789abcdef\n");
        assertTrue(e.getMessage().contains("keys are read only from environment variables: use key_env"),
                e.getMessage());
        assertFalse(e.getMessage().contains("sk-FAKE"), e.getMessage());
    }

    @Test
    void keyPastedIntoKeyEnvIsRejectedWithoutEchoingIt() {
        ConfigException e = failure("profiles:\n  azure:\n    url: https://c.openai.azure.com\n"
                + "    key_env: sk-FAKE-0123456789abcdef\n");
        assertTrue(e.getMessage().contains("key_env must be the NAME of an environment variable"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-FAKE"), e.getMessage());
    }

    @Test
    void invalidYamlGivesTheLineOnOneLine() {
        ConfigException e = failure("""
                profiles:
                  azure:
                    url: https://contoso.openai.azure.com
                   deployment: gpt-4o-mini
                """);
        assertTrue(e.getMessage().startsWith("test.yaml line 4: invalid YAML: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void duplicateKeysAreInvalid() {
        ConfigException e = failure("profiles:\n  a: {provider: openai}\n  a: {provider: azure}\n");
        assertTrue(e.getMessage().contains("duplicate key 'a'"), e.getMessage());
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.load(missing));
        assertEquals("config file " + missing + " not found", e.getMessage());
    }

    @Test
    void unreadableFile(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.load(dir));
        assertTrue(e.getMessage().startsWith("cannot read config file " + dir), e.getMessage());
    }

    @Test
    void loadsFromDisk(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), "profiles:\n  o: {provider: openai, model: m}\n");
        assertEquals("m", ConfigFile.load(file).profile("o").endpoints().get(0).address().model());
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        ConfigFile config = ConfigFile.parse("profiles:\n  azure: {url: https://c.openai.azure.com}\n"
                + "  openai: {provider: openai}\n", FILE);
        ConfigException e = assertThrows(ConfigException.class, () -> config.profile("azrue"));
        assertEquals("unknown profile 'azrue' in test.yaml (profiles: azure, openai, simulator)", e.getMessage());
    }

    @Test
    void defaultProfileMustExist() {
        ConfigException e = failure("default_profile: nope\nprofiles:\n  o: {provider: openai}\n");
        assertEquals("test.yaml: default_profile 'nope' is not a profile here (profiles: o, simulator)", e.getMessage());
    }

    @Test
    void emptyFileAndMissingProfiles() {
        assertTrue(failure("").getMessage().contains("empty"));
        assertTrue(failure("default_profile: x\n").getMessage().contains("profiles: must be a mapping"));
    }

    @Test
    void endpointWithoutUrlOrProvider() {
        ConfigException e = failure("profiles:\n  a: {deployment: d}\n");
        assertEquals("test.yaml: in profile 'a': needs url: (or provider: openai for https://api.openai.com/v1)",
                e.getMessage());
    }

    @Test
    void urlThatDoesNotSayItsProvider() {
        ConfigException e = failure("profiles:\n  a: {url: 'http://10.0.0.5:8000', model: m}\n");
        assertTrue(e.getMessage().endsWith("add provider: azure or provider: openai"), e.getMessage());
    }

    @Test
    void malformedUrlNamesTheProfile() {
        ConfigException e = failure("profiles:\n  a: {provider: openai, url: 'localhost:8000/v1'}\n");
        assertTrue(e.getMessage().startsWith("test.yaml: url in profile 'a' 'localhost:8000/v1'"), e.getMessage());
    }

    @Test
    void badValues() {
        assertTrue(failure("profiles:\n  a: {provider: bedrock}\n").getMessage()
                .contains("provider must be azure or openai or simulator, not 'bedrock'"));
        assertTrue(failure("profiles:\n  a: {provider: openai, max_tokens_field: max_tokenz}\n").getMessage()
                .contains("max_tokens_field must be max_tokens or max_completion_tokens"));
        assertTrue(failure("profiles:\n  a: {provider: openai, tpm: -1}\n").getMessage()
                .contains("'tpm' must be a positive whole number"));
        assertTrue(failure("profiles:\n  a: {provider: openai, weight: heavy}\n").getMessage()
                .contains("'weight' must be a positive number"));
        assertTrue(failure("profiles:\n  a: {provider: openai, model: [a, b]}\n").getMessage()
                .contains("'model' must be text"));
    }

    @Test
    void listShapeErrors() {
        assertTrue(failure("profiles:\n  p:\n    provider: azure\n    endpoints: [{url: https://a.openai.azure.com}]\n")
                .getMessage().contains("endpoints: cannot be mixed"));
        assertTrue(failure("profiles:\n  p:\n    endpoints: []\n").getMessage()
                .contains("endpoints: must be a list with at least one endpoint"));
        assertTrue(failure("profiles:\n  p:\n    endpoints:\n      - {name: a, provider: openai}\n"
                + "      - {name: a, provider: openai}\n").getMessage().contains("'a' is used twice"));
        assertTrue(failure("profiles:\n  p:\n    endpoints:\n      - {provider: simulator}\n").getMessage()
                .contains("provider must be azure or openai, not 'simulator'"));
        assertTrue(failure("profiles:\n  p: {provider: simulator, url: 'http://localhost:1'}\n").getMessage()
                .contains("provider: simulator takes no other keys"));
    }

    @Test
    void theExampleFileParses() {
        ConfigFile config = ConfigFile.load(Path.of("config/promptbench.example.yaml"));
        assertEquals(List.of("simulator", "azure", "azure-v1", "openai", "ollama", "vllm", "pool"),
                config.profileNames());
        assertEquals(Optional.of("simulator"), config.defaultProfile());
        assertEquals(List.of("east", "west"),
                config.profile("pool").endpoints().stream().map(EndpointSpec::name).toList());
    }
}
