package conclave.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XdgDirsTest {
    private final Path home = Path.of("/home/ada");

    @Test
    void unset_fallsBackToHomeDefaults() {
        XdgDirs dirs = new XdgDirs(Map.of(), home);

        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ada/.config/conclave"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/ada/.local/share/conclave"));
    }

    @Test
    void absoluteXdgValues_win() {
        XdgDirs dirs = new XdgDirs(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), home);

        assertThat(dirs.configDir()).isEqualTo(Path.of("/cfg/conclave"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/data/conclave"));
    }

    @Test
    void relativeOrEmptyXdgValues_areIgnored() {
        XdgDirs dirs = new XdgDirs(Map.of("XDG_CONFIG_HOME", "relative/cfg", "XDG_DATA_HOME", ""), home);

        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ada/.config/conclave"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/ada/.local/share/conclave"));
    }

    @Test
    void home_absoluteHomeVariable_winsAndMovesTheDefaults() {
        XdgDirs dirs = new XdgDirs(Map.of("HOME", "/tmp/elsewhere"), home);

        assertThat(dirs.home()).isEqualTo(Path.of("/tmp/elsewhere"));
        assertThat(dirs.configDir()).isEqualTo(Path.of("/tmp/elsewhere/.config/conclave"));
    }

    @Test
    void home_unsetOrRelativeHomeVariable_isTheAccountHome() {
        assertThat(new XdgDirs(Map.of(), home).home()).isEqualTo(home);
        assertThat(new XdgDirs(Map.of("HOME", "relative"), home).home()).isEqualTo(home);
        assertThat(new XdgDirs(Map.of("HOME", ""), home).home()).isEqualTo(home);
    }
}
