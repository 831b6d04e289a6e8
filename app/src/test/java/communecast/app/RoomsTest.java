package communecast.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rooms of ARCHITECTURE.md as the compiled server has them: one direction of calls, pages in their rooms. */
class RoomsTest {
    private static JavaClasses server;

    @BeforeAll
    static void read() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("communecast.app");
    }

    @Test
    void noRoomCallsBackIntoARoomThatCallsIt() {
        slices().matching("communecast.app.(*)..").should().beFreeOfCycles().check(server);
    }

    @Test
    void webHoldsOnlyTheSharedLayoutAndKnowsNoRoom() {
        noClasses().that().resideInAPackage("communecast.app.web..")
                .should().dependOnClassesThat(resideInAPackage("communecast.app..").and(not(resideInAPackage("communecast.app.web.."))))
                .check(server);
    }
}
