package dev.promptbench.config;

import dev.promptbench.client.Endpoint;
import dev.promptbench.results.request.ServiceTier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which endpoints a run talks to from flags, environment variables and an optional config
 * file, or that the built-in simulator should serve because nothing endpoint-related is set.
 *
 * <p>Precedence, per value: flag &gt; profile named with {@code --profile} &gt; environment &gt; the
 * config's {@code default_profile} &gt; built-in default. A partial setting (a key without an endpoint,
 * Azure without a deployment, ...) is a {@link ConfigException}, never a silent fall back to the simulator.
 */
public final class EndpointResolver {
    private static final List<String> ENDPOINT_VARIABLES = List.of(Environment.AZURE_ENDPOINT,
            Environment.AZURE_KEY, Environment.AZURE_DEPLOYMENT, Environment.OPENAI_KEY, Environment.OPENAI_BASE_URL);

    private final Environment env;
    private final Clock clock;

    /**
     * @param env   the environment variables: {@code System.getenv()} in the CLI, a plain map in tests
     * @param clock the wall clock a token's expiry is compared with
     */
    public EndpointResolver(Map<String, String> env, Clock clock) {
        this.env = new Environment(env);
        this.clock = clock;
    }

    /** Resolves the flags against the environment and config file; throws {@link ConfigException}. */
    public Resolution resolve(EndpointFlags flags) {
        List<String> lines = new ArrayList<>();
        Provider forcedProvider = forcedProvider(flags);
        if (flags.maxTokensField() != null && !EndpointUrls.isMaxTokensField(flags.maxTokensField())) {
            throw new ConfigException("--max-tokens-field must be max_tokens or max_completion_tokens, not '"
                    + flags.maxTokensField() + "'");
        }
        ConfigFile config = loadConfig(flags, lines);
        Resolution resolution = resolve(flags, forcedProvider, config, lines);
        return config == null ? resolution : resolution.withModelPrices(config.prices());
    }

    private Resolution resolve(EndpointFlags flags, Provider forcedProvider, ConfigFile config, List<String> lines) {
        Profile named = null;
        Profile fallback = null;
        String fallbackLabel = null;
        if (flags.profile() != null) {
            named = namedProfile(config, flags.profile());
            lines.add("profile = " + named.name() + " (from --profile)");
            if (named.simulator()) {
                rejectEndpointFlags(flags, "--profile " + named.name() + " selects the built-in simulator");
                return simulator(lines, "from --profile " + named.name());
            }
        } else if (config != null && config.defaultProfile().isPresent()) {
            fallback = config.profile(config.defaultProfile().get());
            fallbackLabel = "default_profile in " + config.source();
        }

        boolean endpointFromAbove = flags.endpoint() != null || environmentUrl(forcedProvider);
        if (named == null && !flags.namesAnEndpoint() && ENDPOINT_VARIABLES.stream().noneMatch(env::has)) {
            if (fallback != null && fallback.simulator()) {
                return simulator(lines, "profile " + fallback.name() + ", the " + fallbackLabel);
            }
            if (fallback == null && config != null) {
                throw new ConfigException(config.source() + " has no default_profile: pass --profile NAME ("
                        + config.knownNames() + ")");
            }
            if (fallback == null) {
                return simulator(lines, "nothing configured: no --endpoint or --profile and none of "
                        + String.join(", ", ENDPOINT_VARIABLES) + " set");
            }
        }
        if (fallback != null && (fallback.simulator() || endpointFromAbove)) {
            // The default profile is the lowest layer: an endpoint set above it replaces it whole,
            // so its deployment or key never gets paired with someone else's URL.
            lines.add("profile " + fallback.name() + " (the " + fallbackLabel + ") not used: "
                    + (endpointFromAbove ? "the endpoint is set by " + (flags.endpoint() != null ? "--endpoint"
                    : "the environment") : "endpoint settings come from flags or the environment"));
            fallback = null;
        } else if (fallback != null) {
            lines.add("profile = " + fallback.name() + " (from " + fallbackLabel + ")");
        }

        EndpointBuilder builder = new EndpointBuilder(flags, forcedProvider, env, clock);
        Profile active = named != null ? named : fallback;
        if (active == null) {
            return new Resolution(List.of(builder.build("default", null, false, null, lines, "")), lines);
        }
        return new Resolution(profileEndpoints(builder, flags, active, named != null, lines), lines, prices(active))
                .withServiceTier(serviceTier(active));
    }

    private static List<Endpoint> profileEndpoints(EndpointBuilder builder, EndpointFlags flags, Profile active,
                                                   boolean named, List<String> lines) {
        List<EndpointSpec> specs = active.endpoints();
        if (specs.size() > 1) {
            rejectPoolFlag(flags.endpoint(), "--endpoint", active);
            rejectPoolFlag(flags.provider() == null ? null : flags.provider().word(), "--provider", active);
        }
        String profileLabel = "profile '" + active.name() + "'";
        List<Endpoint> endpoints = new ArrayList<>();
        for (EndpointSpec spec : specs) {
            boolean listed = spec.name() != null;
            String label = listed ? profileLabel + ", endpoint " + spec.name() : profileLabel;
            endpoints.add(builder.build(listed ? spec.name() : "default", spec, named, label, lines,
                    listed ? "[" + spec.name() + "] " : ""));
        }
        return endpoints;
    }

    /** The profile's prices by endpoint name (the names profileEndpoints gives). */
    private static Map<String, Price> prices(Profile active) {
        Map<String, Price> prices = new HashMap<>();
        for (EndpointSpec spec : active.endpoints()) {
            if (spec.price() != null) prices.put(spec.name() != null ? spec.name() : "default", spec.price());
        }
        return prices;
    }

    /** The profile's service_tier: one for the whole run, so every endpoint of a list must agree. */
    private static ServiceTier serviceTier(Profile active) {
        ServiceTier tier = null;
        for (EndpointSpec spec : active.endpoints()) {
            if (spec.serviceTier() == null) continue;
            if (tier != null && tier != spec.serviceTier()) {
                throw new ConfigException("profile '" + active.name() + "': service_tier differs between its "
                        + "endpoints (" + tier.wireName() + ", " + spec.serviceTier().wireName() + "); a run asks "
                        + "for one tier");
            }
            tier = spec.serviceTier();
        }
        return tier;
    }

    private static Provider forcedProvider(EndpointFlags flags) {
        return flags.provider();
    }

    private ConfigFile loadConfig(EndpointFlags flags, List<String> lines) {
        if (flags.configFile() != null) {
            ConfigFile config = ConfigFile.load(flags.configFile());
            lines.add("config = " + flags.configFile() + " (from --config)");
            return config;
        }
        String fromEnv = env.get(Environment.CONFIG);
        if (fromEnv == null) {
            return null;
        }
        Path path;
        try {
            path = Path.of(fromEnv);
        } catch (InvalidPathException e) {
            throw new ConfigException("$" + Environment.CONFIG + " '" + fromEnv + "' is not a valid path");
        }
        ConfigFile config = ConfigFile.load(path);
        lines.add("config = " + path + " (from $" + Environment.CONFIG + ")");
        return config;
    }

    private static Profile namedProfile(ConfigFile config, String name) {
        if (config != null) {
            return config.profile(name);
        }
        if (name.equals(ConfigFile.SIMULATOR)) {
            return Profile.builtInSimulator();
        }
        throw new ConfigException("--profile " + name + " needs a config file: pass --config FILE or set $"
                + Environment.CONFIG);
    }

    /** Whether the environment sets a URL for the provider (either, when --provider is not given). */
    private boolean environmentUrl(Provider forced) {
        return (forced != Provider.OPENAI && env.has(Environment.AZURE_ENDPOINT))
                || (forced != Provider.AZURE && env.has(Environment.OPENAI_BASE_URL));
    }

    private static void rejectEndpointFlags(EndpointFlags flags, String why) {
        String[][] given = {{"--endpoint", flags.endpoint()}, {"--deployment", flags.deployment()},
                            {"--model", flags.model()},
                            {"--provider", flags.provider() == null ? null : flags.provider().word()}};
        for (String[] flag : given) {
            if (flag[1] != null) {
                throw new ConfigException(why + " and cannot be combined with " + flag[0]);
            }
        }
    }

    private static void rejectPoolFlag(String value, String flag, Profile profile) {
        if (value != null) {
            throw new ConfigException(flag + " cannot be combined with profile '" + profile.name() + "', which lists "
                    + profile.endpoints().size() + " endpoints; set it per endpoint in the config file");
        }
    }

    private static Resolution simulator(List<String> lines, String why) {
        lines.add("endpoint = built-in simulator (" + why + ")");
        return new Resolution(List.of(), lines);
    }
}
