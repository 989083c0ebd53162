package dev.promptbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.promptbench.client.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's per-endpoint weight, tpm and rpm reach the endpoints the run uses. */
class EndpointRatesTest {
    @TempDir
    Path dir;

    private List<Endpoint> resolve(String yaml, String profile) throws IOException {
        Path config = Files.writeString(dir.resolve("promptbench.yaml"), yaml);
        EndpointFlags flags = new EndpointFlags(null, null, null, null, null, config, profile, null);
        return new EndpointResolver(Map.of("EAST_KEY", "k-east", "WEST_KEY", "k-west"), Clock.systemUTC()).resolve(flags).endpoints();
    }

    @Test
    void weightsAndBudgetsComeFromTheProfile() throws IOException {
        List<Endpoint> endpoints = resolve("""
                profiles:
                  pool:
                    endpoints:
                      - {name: east, url: https://east.openai.azure.com, deployment: d, key_env: EAST_KEY, weight: 2, tpm: 60000}
                      - {name: west, url: https://west.openai.azure.com, deployment: d, key_env: WEST_KEY, rpm: 120}
                """, "pool");
        Endpoint east = endpoints.get(0);
        Endpoint west = endpoints.get(1);
        assertEquals(2.0, east.weight());
        assertEquals(60000, east.tpm());
        assertNull(east.rpm(), "derived from tpm later, not here");
        assertEquals(1.0, west.weight(), "weight 1 when not given");
        assertNull(west.tpm());
        assertEquals(120, west.rpm());
    }

    @Test
    void aSingleEndpointProfileCarriesThemToo() throws IOException {
        Endpoint only = resolve("""
                profiles:
                  one: {provider: azure, url: https://east.openai.azure.com, deployment: d, key_env: EAST_KEY, tpm: 30000}
                """, "one").get(0);
        assertEquals(30000, only.tpm());
        assertEquals(1.0, only.weight());
    }
}
