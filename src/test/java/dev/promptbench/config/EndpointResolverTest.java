package dev.promptbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.ApiStyle;
import dev.promptbench.client.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointResolverTest {
    private static final String FAKE_KEY = "FAKE-KEY-7f3a9c1e5b";
    private static final String CONTOSO = "https://contoso.openai.azure.com";

    @TempDir
    Path dir;

    // ---- the simulator decision -------------------------------------------------------------

    @Test
    void nothingConfiguredMeansTheSimulator() {
        Resolution r = resolve(Map.of("PATH", "/usr/bin", "OPENAI_API_VERSION", "2024-06-01"), flags());
        assertTrue(r.useSimulator());
        assertTrue(r.provenance().get(0).startsWith("endpoint = built-in simulator (nothing configured"),
                r.provenance().toString());
    }

    @Test
    void blankVariablesCountAsNotSet() {
        assertTrue(resolve(Map.of("AZURE_OPENAI_ENDPOINT", "  ", "OPENAI_API_KEY", ""), flags()).useSimulator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT",
                            "OPENAI_API_KEY", "OPENAI_BASE_URL"})
    void anyEndpointVariableAloneIsAnErrorNotTheSimulator(String variable) {
        String value = variable.endsWith("URL") || variable.endsWith("ENDPOINT") ? "http://10.1.1.1:9/v1" : "x";
        assertThrows(ConfigException.class, () -> resolve(Map.of(variable, value), flags()));
    }

    @Test
    void anEndpointFlagTurnsTheSimulatorOff() {
        assertThrows(ConfigException.class, () -> resolve(Map.of(), flags().model("gpt-4o-mini")));
        assertThrows(ConfigException.class, () -> resolve(Map.of(), flags().deployment("d")));
        assertThrows(ConfigException.class, () -> resolve(Map.of(), flags().provider("azure")));
    }

    @Test
    void profileSimulatorWinsOverTheEnvironmentWithoutAConfigFile() {
        Resolution r = resolve(azureEnv(), flags().profile("simulator"));
        assertTrue(r.useSimulator());
        assertTrue(r.provenance().contains("endpoint = built-in simulator (from --profile simulator)"));
    }

    @Test
    void profileSimulatorCannotBeCombinedWithAnEndpointFlag() {
        assertMessage("--profile simulator selects the built-in simulator and cannot be combined with --endpoint",
                Map.of(), flags().profile("simulator").endpoint(CONTOSO));
    }

    @Test
    void simulatorAsDefaultProfileGivesWayToTheEnvironment() {
        Path config = config("default_profile: sim\nprofiles:\n  sim: {provider: simulator}\n");
        assertTrue(resolve(Map.of(), flags().config(config)).useSimulator());
        Resolution env = resolve(azureEnv(), flags().config(config));
        assertEquals(CONTOSO, env.endpoints().get(0).origin());
    }

    @Test
    void configWithoutDefaultProfileNeedsProfile() {
        Path config = config("profiles:\n  a: {provider: openai, model: m}\n  b: {provider: openai, model: n}\n");
        assertMessage(config + " has no default_profile: pass --profile NAME (profiles: a, b, simulator)", Map.of(), flags().config(config));
    }

    // ---- Azure ------------------------------------------------------------------------------

    @Test
    void azureFromTheEnvironment() {
        Endpoint e = single(resolve(azureEnv(), flags()));
        assertEquals("default", e.name());
        assertEquals(ApiStyle.AZURE_DEPLOYMENT, e.style());
        assertEquals(CONTOSO + "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
                e.chatUrl().toString());
        assertEquals("gpt-4o-mini", e.deployment());
        assertNull(e.model());
        assertEquals("max_completion_tokens", e.maxTokensField());
        assertEquals("api-key", e.credential().headerName());
        assertEquals(FAKE_KEY, e.credential().headerValue());
        assertEquals("api-key from $AZURE_OPENAI_API_KEY", e.credential().describe());
        assertFalse(e.simulated());
        assertEquals("azure", e.kind());
    }

    @Test
    void azureV1RouteSendsTheDeploymentAsModel() {
        Map<String, String> env = Map.of("AZURE_OPENAI_ENDPOINT", CONTOSO + "/openai/v1/",
                "AZURE_OPENAI_API_KEY", FAKE_KEY, "OPENAI_API_VERSION", "2024-06-01");
        Endpoint e = single(resolve(env, flags().deployment("gpt-4o")));
        assertEquals(ApiStyle.AZURE_V1, e.style());
        assertEquals(CONTOSO + "/openai/v1/chat/completions", e.chatUrl().toString());
        assertEquals("gpt-4o", e.model());
        assertEquals("gpt-4o", e.target());
        assertEquals("max_completion_tokens", e.maxTokensField());
    }

    @Test
    void azureV1AcceptsModelAsTheDeployment() {
        Endpoint e = single(resolve(Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY),
                flags().endpoint(CONTOSO + "/openai/v1").model("gpt-4o")));
        assertEquals("gpt-4o", e.model());
    }

    @Test
    void pastedFullAzureUrlGivesDeploymentAndApiVersion() {
        String pasted = "https://x.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2024-06-01";
        Map<String, String> env = Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY, "AZURE_OPENAI_DEPLOYMENT", "env-dep",
                "OPENAI_API_VERSION", "2025-01-01-preview");
        Endpoint e = single(resolve(env, flags().endpoint(pasted)));
        assertEquals(pasted, e.chatUrl().toString());
        assertEquals("dep", e.deployment());
        assertEquals("max_tokens", e.maxTokensField(), "2024-06-01 predates max_completion_tokens");

        Endpoint overridden = single(resolve(env, flags().endpoint(pasted).deployment("other").apiVersion("2024-10-21")));
        assertEquals("https://x.openai.azure.com/openai/deployments/other/chat/completions?api-version=2024-10-21",
                overridden.chatUrl().toString());
    }

    @Test
    void aFullGatewayUrlEndingInChatCompletionsIsUsedAsGiven() {
        String apim = "https://apim.contoso.net/team-a/deployments/gpt4/chat/completions?api-version=2024-10-21";
        Endpoint e = single(resolve(Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), flags().endpoint(apim)));
        assertEquals(ApiStyle.AZURE_DEPLOYMENT, e.style(), "a /deployments/ path with an api-version says Azure");
        assertEquals(apim, e.chatUrl().toString());
        assertEquals("gpt4", e.deployment());
    }

    @Test
    void anAzureSpecPathWithoutOpenaiIsUsedAsGivenWithItsApiVersion() {
        String spec = "https://x.openai.azure.com/deployments/dep/chat/completions";
        Endpoint e = single(resolve(Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), flags().endpoint(spec)));
        assertEquals(spec + "?api-version=2024-10-21", e.chatUrl().toString());
        assertEquals("dep", e.deployment());
    }

    @Test
    void aCustomAzureBasePathEndingInChatCompletionsIsNotExtended() {
        String custom = "https://gw.corp.example/aoai/chat/completions?api-version=2024-10-21";
        Endpoint e = single(resolve(Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY),
                flags().endpoint(custom).provider("azure").deployment("d")));
        assertEquals(custom, e.chatUrl().toString());
    }

    @Test
    void azureKeyWithoutEndpoint() {
        assertMessage("AZURE_OPENAI_API_KEY is set but no endpoint: set AZURE_OPENAI_ENDPOINT or pass --endpoint",
                Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY), flags());
        // A global OPENAI_API_KEY does not hide the Azure mistake.
        assertMessage("AZURE_OPENAI_API_KEY is set but no endpoint: set AZURE_OPENAI_ENDPOINT or pass --endpoint",
                Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY, "OPENAI_API_KEY", FAKE_KEY), flags());
    }

    @Test
    void azureEndpointWithoutKey() {
        assertMessage("no API key for " + CONTOSO + ": set AZURE_OPENAI_API_KEY, or for Microsoft Entra ID set"
                        + " AZURE_OPENAI_AD_TOKEN or pass --token-command",
                Map.of("AZURE_OPENAI_ENDPOINT", CONTOSO + "/", "AZURE_OPENAI_DEPLOYMENT", "d"), flags());
    }

    @Test
    void azureWithoutDeployment() {
        assertMessage("Azure endpoint " + CONTOSO + " needs a deployment: pass --deployment or set AZURE_OPENAI_DEPLOYMENT",
                Map.of("AZURE_OPENAI_ENDPOINT", CONTOSO, "AZURE_OPENAI_API_KEY", FAKE_KEY), flags());
    }

    @Test
    void deploymentFlagWithoutEndpoint() {
        assertMessage("--deployment given but no endpoint: set AZURE_OPENAI_ENDPOINT or pass --endpoint",
                Map.of(), flags().deployment("d"));
    }

    @Test
    void invalidDeploymentName() {
        assertMessage("deployment 'my dep' (from --deployment) is not an Azure deployment name (letters, digits, . _ -)",
                azureEnv(), flags().deployment("my dep"));
    }

    @Test
    void localAzureServerNeedsNoKey() {
        Endpoint e = single(resolve(Map.of("AZURE_OPENAI_ENDPOINT", "http://127.0.0.1:8080"), flags().deployment("d")));
        assertEquals("http://127.0.0.1:8080/openai/deployments/d/chat/completions?api-version=2024-10-21",
                e.chatUrl().toString());
        assertEquals("none", e.credential().headerValue());
    }

    // ---- OpenAI and compatible ----------------------------------------------------------------

    @Test
    void openAiKeyAloneTargetsApiOpenaiCom() {
        Endpoint e = single(resolve(Map.of("OPENAI_API_KEY", FAKE_KEY), flags().model("gpt-4o-mini")));
        assertEquals(ApiStyle.OPENAI, e.style());
        assertEquals("https://api.openai.com/v1/chat/completions", e.chatUrl().toString());
        assertEquals("gpt-4o-mini", e.model());
        assertNull(e.deployment());
        assertEquals("max_completion_tokens", e.maxTokensField());
        assertEquals("Authorization", e.credential().headerName());
        assertEquals("Bearer " + FAKE_KEY, e.credential().headerValue());
    }

    @Test
    void openAiKeyAloneStillNeedsAModel() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolve(Map.of("OPENAI_API_KEY", FAKE_KEY), flags()));
        assertTrue(e.getMessage().contains("needs a model: pass --model"), e.getMessage());
    }

    @Test
    void localCompatibleServerWithoutKeyGetsAPlaceholder() {
        Endpoint e = single(resolve(Map.of("OPENAI_BASE_URL", "http://localhost:11434/v1"), flags().model("llama3.2")));
        assertEquals("http://localhost:11434/v1/chat/completions", e.chatUrl().toString());
        assertEquals("max_tokens", e.maxTokensField());
        assertEquals("Bearer none", e.credential().headerValue());
    }

    @Test
    void remoteCompatibleServerWithoutKey() {
        assertMessage("no API key for http://10.0.0.5:8000/v1: set OPENAI_API_KEY",
                Map.of("OPENAI_BASE_URL", "http://10.0.0.5:8000/v1"), flags().model("m"));
    }

    @Test
    void compatibleServerWithoutModel() {
        assertMessage("OpenAI-compatible endpoint http://localhost:11434/v1 needs a model: pass --model",
                Map.of("OPENAI_BASE_URL", "http://localhost:11434/v1"), flags());
    }

    @Test
    void modelFlagWithoutEndpoint() {
        assertMessage("--model given but no endpoint: pass --endpoint, set OPENAI_BASE_URL or OPENAI_API_KEY,"
                + " or use --profile", Map.of(), flags().model("m"));
    }

    @Test
    void bothBaseVariablesPreferAzureUnlessToldOtherwise() {
        Map<String, String> env = Map.of("AZURE_OPENAI_ENDPOINT", CONTOSO, "AZURE_OPENAI_API_KEY", FAKE_KEY,
                "AZURE_OPENAI_DEPLOYMENT", "d", "OPENAI_BASE_URL", "http://localhost:11434/v1");
        Resolution azure = resolve(env, flags());
        assertEquals(ApiStyle.AZURE_DEPLOYMENT, single(azure).style());
        assertTrue(azure.provenance().stream().anyMatch(l -> l.startsWith("$OPENAI_BASE_URL ignored")));
        Endpoint openAi = single(resolve(env, flags().provider("openai").model("llama3.2")));
        assertEquals("http://localhost:11434/v1/chat/completions", openAi.chatUrl().toString());
    }

    // ---- --endpoint and --provider ----------------------------------------------------------

    @Test
    void bareEndpointIsInferredFromHostOrPath() {
        Map<String, String> env = Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY, "OPENAI_API_KEY", FAKE_KEY);
        assertEquals(ApiStyle.AZURE_DEPLOYMENT,
                single(resolve(env, flags().endpoint("https://x.cognitiveservices.azure.com").deployment("d"))).style());
        assertEquals(ApiStyle.AZURE_V1, single(resolve(env, flags().endpoint("http://10.0.0.5:8000/openai/v1")
                .deployment("d"))).style());
        assertEquals(ApiStyle.OPENAI, single(resolve(env, flags().endpoint("http://10.0.0.5:8000/v1").model("m"))).style());
    }

    @Test
    void undecidableEndpointNeedsProvider() {
        assertMessage("cannot tell whether http://10.0.0.5:8000 is Azure or OpenAI-compatible:"
                + " add --provider azure or --provider openai", Map.of(), flags().endpoint("http://10.0.0.5:8000"));
        Endpoint e = single(resolve(Map.of("OPENAI_API_KEY", FAKE_KEY),
                flags().endpoint("http://10.0.0.5:8000").provider("openai").model("m")));
        assertEquals("http://10.0.0.5:8000/v1/chat/completions", e.chatUrl().toString());
        assertEquals("max_tokens", e.maxTokensField());
        Endpoint azure = single(resolve(Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY),
                flags().endpoint("http://10.0.0.5:8000").provider("AZURE").deployment("d")));
        assertEquals(ApiStyle.AZURE_DEPLOYMENT, azure.style());
    }

    /** Only Azure addresses a deployment: --deployment alone (no --model) says which an unknown host is. */
    @Test
    void aDeploymentWithoutAModelMakesAnUndecidableEndpointAzure() {
        Endpoint azure = single(resolve(Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY),
                flags().endpoint("http://127.0.0.1:9").deployment("x")));
        assertEquals(ApiStyle.AZURE_DEPLOYMENT, azure.style());
        assertMessage("cannot tell whether http://10.0.0.5:8000 is Azure or OpenAI-compatible:"
                + " add --provider azure or --provider openai", Map.of(),
                flags().endpoint("http://10.0.0.5:8000").deployment("d").model("m"));
    }

    @Test
    void badProviderAndMaxTokensFieldFlags() {
        // Any other --provider value is refused by the command line's parser (see cli/BadInputTest).
        assertMessage("--max-tokens-field must be max_tokens or max_completion_tokens, not 'max_toks'",
                azureEnv(), flags().maxTokensField("max_toks"));
    }

    @Test
    void malformedEndpointNamesItsSource() {
        ConfigException flag = assertThrows(ConfigException.class,
                () -> resolve(Map.of(), flags().endpoint("contoso.openai.azure.com")));
        assertTrue(flag.getMessage().startsWith("--endpoint 'contoso.openai.azure.com'"), flag.getMessage());
        ConfigException env = assertThrows(ConfigException.class,
                () -> resolve(Map.of("AZURE_OPENAI_ENDPOINT", "ftp://x"), flags()));
        assertTrue(env.getMessage().startsWith("$AZURE_OPENAI_ENDPOINT 'ftp://x'"), env.getMessage());
    }

    @Test
    void maxTokensFieldFlagOverridesTheDefault() {
        assertEquals("max_tokens", single(resolve(azureEnv(), flags().maxTokensField("max_tokens"))).maxTokensField());
    }

    // ---- profiles and precedence ------------------------------------------------------------

    private static final String PROFILES = """
            default_profile: fallback
            profiles:
              named:
                provider: azure
                url: https://named.openai.azure.com
                deployment: named-dep
                api_version: 2024-06-01
                key_env: NAMED_KEY
              fallback:
                provider: azure
                url: https://fallback.openai.azure.com
                deployment: fallback-dep
                api_version: 2024-02-01
                key_env: FALLBACK_KEY
              keyonly:
                provider: azure
                deployment: keyonly-dep
                key_env: KEYONLY_KEY
              local:
                provider: openai
                url: http://localhost:8000/v1
                model: qwen
                max_tokens_field: max_completion_tokens
              pool:
                endpoints:
                  - {name: east, url: https://east.openai.azure.com, deployment: d, key_env: EAST_KEY, weight: 2}
                  - {name: west, url: https://west.openai.azure.com, deployment: d, key_env: WEST_KEY}
            """;

    private Map<String, String> profileKeys(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("NAMED_KEY", FAKE_KEY, "FALLBACK_KEY", FAKE_KEY,
                "KEYONLY_KEY", FAKE_KEY, "EAST_KEY", FAKE_KEY + "-east", "WEST_KEY", FAKE_KEY + "-west"));
        env.putAll(more);
        return env;
    }

    @Test
    void flagBeatsNamedProfile() {
        Endpoint e = single(resolve(profileKeys(Map.of()), flags().config(config(PROFILES)).profile("named")
                .deployment("flag-dep").apiVersion("2024-10-21")));
        assertEquals("https://named.openai.azure.com/openai/deployments/flag-dep/chat/completions?api-version=2024-10-21",
                e.chatUrl().toString());
        assertEquals("api-key from $NAMED_KEY", e.credential().describe());
    }

    @Test
    void namedProfileBeatsEnvironment() {
        Map<String, String> env = profileKeys(Map.of("AZURE_OPENAI_ENDPOINT", CONTOSO, "AZURE_OPENAI_API_KEY", "other",
                "AZURE_OPENAI_DEPLOYMENT", "env-dep", "OPENAI_API_VERSION", "2025-01-01-preview"));
        Endpoint e = single(resolve(env, flags().config(config(PROFILES)).profile("named")));
        assertEquals("https://named.openai.azure.com/openai/deployments/named-dep/chat/completions?api-version=2024-06-01",
                e.chatUrl().toString());
        assertEquals(FAKE_KEY, e.credential().headerValue());
    }

    @Test
    void environmentFillsWhatTheNamedProfileLeavesOut() {
        Map<String, String> env = profileKeys(Map.of("AZURE_OPENAI_ENDPOINT", CONTOSO, "OPENAI_API_VERSION", "2024-08-01-preview"));
        Endpoint e = single(resolve(env, flags().config(config(PROFILES)).profile("keyonly")));
        assertEquals(CONTOSO + "/openai/deployments/keyonly-dep/chat/completions?api-version=2024-08-01-preview",
                e.chatUrl().toString());
        assertEquals("api-key from $KEYONLY_KEY", e.credential().describe());
    }

    @Test
    void environmentBeatsDefaultProfile() {
        Map<String, String> env = profileKeys(Map.of("AZURE_OPENAI_DEPLOYMENT", "env-dep", "OPENAI_API_VERSION", "2024-10-21"));
        Resolution r = resolve(env, flags().config(config(PROFILES)));
        assertEquals("https://fallback.openai.azure.com/openai/deployments/env-dep/chat/completions?api-version=2024-10-21",
                single(r).chatUrl().toString());
        assertEquals("api-key from $FALLBACK_KEY", single(r).credential().describe());
        assertTrue(r.provenance().contains("profile = fallback (from default_profile in " + config(PROFILES) + ")"),
                r.provenance().toString());
    }

    @Test
    void defaultProfileBeatsBuiltInDefaults() {
        Endpoint e = single(resolve(profileKeys(Map.of()), flags().config(config(PROFILES))));
        assertEquals("https://fallback.openai.azure.com/openai/deployments/fallback-dep/chat/completions?api-version=2024-02-01",
                e.chatUrl().toString());
    }

    @Test
    void anEndpointFromTheEnvironmentReplacesTheDefaultProfileWhole() {
        Resolution r = resolve(profileKeys(azureEnv()), flags().config(config(PROFILES)));
        Endpoint e = single(r);
        assertEquals(CONTOSO + "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
                e.chatUrl().toString());
        assertEquals("api-key from $AZURE_OPENAI_API_KEY", e.credential().describe());
    }

    @Test
    void profileFromTheConfigVariable() {
        Endpoint e = single(resolve(profileKeys(Map.of("PROMPTBENCH_CONFIG", config(PROFILES).toString())),
                flags().profile("local")));
        assertEquals("http://localhost:8000/v1/chat/completions", e.chatUrl().toString());
        assertEquals("max_completion_tokens", e.maxTokensField(), "the profile overrides the compatible-server default");
        assertEquals("qwen", e.model());
    }

    @Test
    void endpointFlagOverridesTheNamedProfileUrlOnly() {
        Endpoint e = single(resolve(profileKeys(Map.of()), flags().config(config(PROFILES)).profile("named")
                .endpoint("http://10.0.0.9:8080")));
        assertEquals("http://10.0.0.9:8080/openai/deployments/named-dep/chat/completions?api-version=2024-06-01",
                e.chatUrl().toString(), "an undecidable --endpoint takes the named profile's provider");
    }

    @Test
    void poolProfile() {
        Resolution r = resolve(profileKeys(Map.of()), flags().config(config(PROFILES)).profile("pool").deployment("big"));
        assertEquals(List.of("east", "west"), r.endpoints().stream().map(Endpoint::name).toList());
        assertEquals("https://west.openai.azure.com/openai/deployments/big/chat/completions?api-version=2024-10-21",
                r.endpoints().get(1).chatUrl().toString());
        assertEquals(FAKE_KEY + "-east", r.endpoints().get(0).credential().headerValue());
        assertEquals(FAKE_KEY + "-west", r.endpoints().get(1).credential().headerValue());
        assertTrue(r.provenance().contains("[west] deployment = big (from --deployment)"), r.provenance().toString());
    }

    @Test
    void poolRejectsEndpointAndProviderFlags() {
        assertMessage("--endpoint cannot be combined with profile 'pool', which lists 2 endpoints; set it per endpoint"
                + " in the config file", profileKeys(Map.of()),
                flags().config(config(PROFILES)).profile("pool").endpoint(CONTOSO));
    }

    @Test
    void poolMemberWithoutItsKey() {
        Map<String, String> env = profileKeys(Map.of());
        env.remove("WEST_KEY");
        assertMessage("no API key for https://west.openai.azure.com: set WEST_KEY (key_env of profile 'pool', endpoint west)"
                        + ", or for Microsoft Entra ID set AZURE_OPENAI_AD_TOKEN or pass --token-command",
                env, flags().config(config(PROFILES)).profile("pool"));
    }

    @Test
    void profileWithoutConfigFile() {
        assertMessage("--profile azure needs a config file: pass --config FILE or set $PROMPTBENCH_CONFIG",
                Map.of(), flags().profile("azure"));
    }

    @Test
    void unknownProfile() {
        Path config = config(PROFILES);
        assertMessage("unknown profile 'nmaed' in " + config
                + " (profiles: named, fallback, keyonly, local, pool, simulator)", Map.of(), flags().config(config).profile("nmaed"));
    }

    @Test
    void missingConfigFile() {
        Path missing = dir.resolve("missing.yaml");
        assertMessage("config file " + missing + " not found", Map.of(), flags().config(missing));
    }

    @Test
    void theExampleFileResolvesEachProfile() {
        Map<String, String> env = Map.of("AZURE_OPENAI_API_KEY", FAKE_KEY, "OPENAI_API_KEY", FAKE_KEY,
                "AZURE_EAST_API_KEY", FAKE_KEY, "AZURE_WEST_API_KEY", FAKE_KEY);
        Path example = Path.of("config/promptbench.example.yaml");
        assertTrue(resolve(Map.of(), flags().config(example)).useSimulator());
        assertEquals(CONTOSO + "/openai/v1/chat/completions",
                single(resolve(env, flags().config(example).profile("azure-v1"))).chatUrl().toString());
        assertEquals("Bearer none",
                single(resolve(Map.of(), flags().config(example).profile("ollama"))).credential().headerValue());
        assertEquals(2, resolve(env, flags().config(example).profile("pool")).endpoints().size());
    }

    // ---- provenance ---------------------------------------------------------------------------

    @Test
    void provenanceNamesSourcesAndNeverShowsAKey() {
        Resolution r = resolve(azureEnv(), flags().deployment("gpt-4o"));
        assertEquals(List.of(
                "provider = azure (from $AZURE_OPENAI_ENDPOINT)",
                "endpoint = https://contoso.openai.azure.com (from $AZURE_OPENAI_ENDPOINT)",
                "deployment = gpt-4o (from --deployment)",
                "api-version = 2024-10-21 (default)",
                "max-tokens field = max_completion_tokens (default for Azure api-version 2024-10-21)",
                "api-key = *** (from $AZURE_OPENAI_API_KEY)",
                "url = https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"),
                r.provenance());

        List<Resolution> more = List.of(
                resolve(Map.of("OPENAI_API_KEY", FAKE_KEY), flags().model("m")),
                resolve(profileKeys(Map.of()), flags().config(config(PROFILES)).profile("pool")),
                resolve(profileKeys(Map.of()), flags().config(config(PROFILES))),
                resolve(profileKeys(azureEnv()), flags().config(config(PROFILES)).profile("keyonly")));
        for (Resolution each : more) {
            assertTrue(each.provenance().stream().anyMatch(l -> l.contains("***")), each.provenance().toString());
            for (String line : each.provenance()) {
                assertFalse(line.contains(FAKE_KEY), line);
            }
            for (Endpoint endpoint : each.endpoints()) {
                assertFalse(endpoint.credential().toString().contains(FAKE_KEY));
                assertFalse(endpoint.credential().describe().contains(FAKE_KEY));
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Map<String, String> azureEnv() {
        return Map.of("AZURE_OPENAI_ENDPOINT", CONTOSO, "AZURE_OPENAI_API_KEY", FAKE_KEY,
                "AZURE_OPENAI_DEPLOYMENT", "gpt-4o-mini");
    }

    private static Resolution resolve(Map<String, String> env, Flags flags) {
        return new EndpointResolver(env, Clock.systemUTC()).resolve(flags.build());
    }

    private static Endpoint single(Resolution resolution) {
        assertEquals(1, resolution.endpoints().size(), resolution.provenance().toString());
        return resolution.endpoints().get(0);
    }

    private static void assertMessage(String expected, Map<String, String> env, Flags flags) {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(env, flags));
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains(FAKE_KEY));
    }

    private Path config(String yaml) {
        try {
            return Files.writeString(dir.resolve("promptbench-" + Integer.toHexString(yaml.hashCode()) + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Flags flags() {
        return new Flags();
    }

    /** A small builder so each test names only the flags it passes. */
    private static final class Flags {
        private String endpoint, deployment, apiVersion, model, provider, profile, maxTokensField;
        private Path config;

        Flags endpoint(String v) { endpoint = v; return this; }
        Flags deployment(String v) { deployment = v; return this; }
        Flags apiVersion(String v) { apiVersion = v; return this; }
        Flags model(String v) { model = v; return this; }
        Flags provider(String v) { provider = v; return this; }
        Flags profile(String v) { profile = v; return this; }
        Flags maxTokensField(String v) { maxTokensField = v; return this; }
        Flags config(Path v) { config = v; return this; }

        EndpointFlags build() {
            return new EndpointFlags(endpoint, deployment, apiVersion, model,
                    provider == null ? null : Provider.parse(provider).orElseThrow(), config, profile, maxTokensField);
        }
    }
}
