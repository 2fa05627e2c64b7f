package org.hotline.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.hotline.app.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * The console in docker/compose.yaml accepts its browsers: the public origins it is given follow the published
 * address and port of docker/.env, so a login from http://localhost:<published port> is not refused as cross-origin.
 */
class ComposeConsoleOriginsTest {

    private static Path docker() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker/compose.yaml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docker/compose.yaml above the working directory").isNotNull();
        return dir.resolve("docker");
    }

    private static Settings.Http platformHttp(Map<String, String> env) {
        ComposeFile compose = ComposeFile.read(docker().resolve("compose.yaml"), env);
        String platform = compose.services().keySet().stream()
                .filter(s -> compose.environment(s).containsKey("HOTLINE_AMI_HOST")).findFirst().orElseThrow();
        Map<String, String> penv = compose.environment(platform);
        return Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.http.host", penv.get("HOTLINE_HTTP_HOST"),
                "hotline.http.public-origins", penv.get("HOTLINE_PUBLIC_ORIGINS")))).http();
    }

    @Test
    void theExampleEnvironmentGivesTheLocalhostOriginsOfThePublishedPort() {
        Map<String, String> env = ComposeFile.readEnv(docker().resolve(".env.example"));

        assertThat(platformHttp(env).publicOrigins()).containsExactly("http://localhost:8080",
                "http://127.0.0.1:8080");
    }

    @Test
    void anotherPublishedAddressAndPortOrAnExplicitOriginAreFollowed() {
        Map<String, String> env = new HashMap<>(ComposeFile.readEnv(docker().resolve(".env.example")));
        env.put("HOTLINE_PUBLISH_IP", "10.0.0.5");
        env.put("HOTLINE_HTTP_PUBLISH_PORT", "9000");
        Map<String, String> proxied = new HashMap<>(env);
        proxied.put("HOTLINE_PUBLIC_ORIGINS", "https://hotline.example.com");

        assertThat(platformHttp(env).publicOrigins()).containsExactly("http://localhost:9000", "http://10.0.0.5:9000");
        assertThat(platformHttp(proxied).publicOrigins()).containsExactly("https://hotline.example.com");
    }
}
