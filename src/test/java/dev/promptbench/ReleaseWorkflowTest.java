package dev.promptbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The release workflow does what a release needs, in order: on a version tag, build with the tag's
 * version and run the tests, pack the archive, attach it (actionlint, run by .ci/run, checks the syntax).
 */
class ReleaseWorkflowTest {
    private final JsonNode workflow = read();

    @Test
    void runsOnVersionTagsOnly() {
        JsonNode push = workflow.path("on").path("push");
        assertEquals("v[0-9]+.[0-9]+.[0-9]+*", push.path("tags").path(0).asText());
        assertTrue(push.path("branches").isMissingNode(), "not on branch pushes");
        assertEquals("write", workflow.path("permissions").path("contents").asText(), "may attach to a release");
    }

    @Test
    void buildsWithTheTagsVersionTestsPacksAndAttachesInThatOrder() {
        List<String> runs = new ArrayList<>();
        workflow.path("jobs").path("release").path("steps").forEach(step -> runs.add(step.path("run").asText()));
        int build = indexOf(runs, "./mvnw -B -Prelease -Drevision=${{ steps.version.outputs.version }} verify");
        int pack = indexOf(runs, ".ci/release-archive \"${{ steps.version.outputs.version }}\"");
        int attach = indexOf(runs, "gh release upload");
        assertTrue(build >= 0 && build < pack && pack < attach, runs.toString());
        assertTrue(runs.get(attach).contains("SHA256SUMS") && runs.get(attach).contains(".cdx.json"), runs.get(attach));
        assertTrue(Files.isExecutable(Path.of(".ci/release-archive")), "the packing script is executable");
    }

    @Test
    void theVersionComesFromTheTag() {
        String version = workflow.path("jobs").path("release").path("steps").findValuesAsText("run").stream()
                .filter(run -> run.contains("GITHUB_OUTPUT")).findFirst().orElse("");
        assertEquals("echo \"version=${GITHUB_REF_NAME#v}\" >> \"$GITHUB_OUTPUT\"", version);
    }

    private static int indexOf(List<String> runs, String fragment) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of(".github/workflows/release.yml").toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
