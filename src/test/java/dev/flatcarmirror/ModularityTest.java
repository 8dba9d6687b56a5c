package dev.flatcarmirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are application modules: each uses only the modules its package-info allows,
 * only their API (the types in a module's own package, never its sub-packages), and no two depend
 * on each other in a cycle. The module diagram the README's code map links is written here.
 */
class ModularityTest {

    static final Path DOCS = Path.of("target", "modulith-docs");

    private final ApplicationModules modules = ApplicationModules.of(FlatcarMirrorApplication.class);

    @Test
    void modulesShouldOnlyUseTheApiOfTheModulesTheyDeclare() {
        modules.verify();
    }

    @Test
    void moduleDiagramShouldBeWrittenUnderTarget() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS.toString())).writeDocumentation();

        assertThat(DOCS.resolve("components.puml")).isNotEmptyFile();
        assertThat(DOCS.resolve("all-docs.adoc")).isNotEmptyFile();
        modules.forEach(module -> assertThat(DOCS.resolve("module-" + module.getIdentifier() + ".puml")).isNotEmptyFile());
    }
}
