package dev.keydesk.core.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppPathsTest {

    private static AppPaths resolve(Map<String, String> properties, Map<String, String> env) {
        return AppPaths.resolve(properties::get, env::get);
    }

    @Test
    void folders_live_under_the_root(@TempDir Path root) {
        AppPaths paths = AppPaths.of(root);
        assertThat(paths.root()).isEqualTo(root.toAbsolutePath().normalize());
        assertThat(paths.embeddedServerDir()).isEqualTo(paths.root().resolve("local-server"));
        assertThat(paths.profilesFile()).isEqualTo(paths.root().resolve("profiles.json"));
        assertThat(paths.logsDir()).isEqualTo(paths.root().resolve("logs"));
    }

    @Test
    void system_property_wins_over_environment() {
        AppPaths paths = resolve(Map.of("keydesk.home", "/opt/kd", "user.home", "/home/a", "os.name", "Linux"),
                Map.of("KEYDESK_HOME", "/srv/kd"));
        assertThat(paths.root()).isEqualTo(Path.of("/opt/kd"));
    }

    @Test
    void environment_variable_is_used_without_the_property() {
        AppPaths paths = resolve(Map.of("user.home", "/home/a", "os.name", "Linux"), Map.of("KEYDESK_HOME", "/srv/kd"));
        assertThat(paths.root()).isEqualTo(Path.of("/srv/kd"));
    }

    @Test
    void linux_uses_xdg_data_home_else_local_share() {
        assertThat(resolve(Map.of("user.home", "/home/a", "os.name", "Linux"), Map.of("XDG_DATA_HOME", "/data")).root())
                .isEqualTo(Path.of("/data/KeyDesk"));
        assertThat(resolve(Map.of("user.home", "/home/a", "os.name", "Linux"), Map.of()).root())
                .isEqualTo(Path.of("/home/a/.local/share/KeyDesk"));
        // A relative XDG_DATA_HOME is invalid per the spec and ignored.
        assertThat(resolve(Map.of("user.home", "/home/a", "os.name", "Linux"), Map.of("XDG_DATA_HOME", "rel")).root())
                .isEqualTo(Path.of("/home/a/.local/share/KeyDesk"));
    }

    @Test
    void mac_uses_application_support() {
        assertThat(resolve(Map.of("user.home", "/Users/a", "os.name", "Mac OS X"), Map.of()).root())
                .isEqualTo(Path.of("/Users/a/Library/Application Support/KeyDesk"));
    }

    @Test
    void windows_uses_appdata() {
        assertThat(resolve(Map.of("user.home", "/home/a", "os.name", "Windows 11"), Map.of("APPDATA", "/appdata")).root())
                .isEqualTo(Path.of("/appdata/KeyDesk"));
    }

    @Test
    void blank_settings_are_ignored() {
        assertThat(resolve(Map.of("keydesk.home", " ", "user.home", "/home/a", "os.name", "Linux"),
                Map.of("KEYDESK_HOME", "")).root()).isEqualTo(Path.of("/home/a/.local/share/KeyDesk"));
    }
}
