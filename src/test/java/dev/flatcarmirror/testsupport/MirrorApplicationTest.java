package dev.flatcarmirror.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole application on a random port, pointed at a {@link MirrorFixture}: a {@link FakeUpstream}
 * serving the {@link #boards}, a {@link TestSigningKey} it trusts, an object store directory, a schema
 * of its own in the test PostgreSQL, and the admin token {@link MirrorFixture#ADMIN_TOKEN}. Nothing is
 * polled until the test calls {@code PollScheduler.pollNow} (besides the one poll at start-up).
 *
 * <p>One test instance per class ({@link TestInstance.Lifecycle#PER_CLASS}), as there is one application
 * per class: {@code @BeforeAll} methods are instance methods that can use the injected fields. Fields and
 * parameters: {@code @Autowired} works for {@link MirrorFixture}, {@link FakeUpstream}, {@link TestSigningKey}
 * and {@link MirrorHttp} (beans of the context), and parameters of those types are resolved without it, in
 * {@code @BeforeAll} and test methods alike.
 *
 * <p><b>Sharing.</b> Test classes whose attributes are equal share one application context, so one
 * fixture, one database schema and one started application. Before each class that is not the
 * context's first, the mirror is emptied: the upstream serves nothing and has no faults, the catalog
 * has no releases and no history, the object store no files. What is <em>not</em> reset: meters,
 * the fact that the start-up poll has long happened, and anything the application keeps in memory.
 * The fixture (its upstream and directory) lives as long as the context and is closed with it.
 *
 * <p><b>Choosing.</b> Start with no attributes. Add {@link #properties} or {@link #boards} when the
 * scenario needs other configuration; classes configured alike still share. Set {@link #isolated}
 * when the class asserts exact meter values, what happened at start-up, or anything else the reset
 * does not clear, or when it cannot leave the application as it found it (it kills, moves or
 * replaces something). Use {@link #beforeStart} for what must be in place before the application
 * starts (a release its start-up poll may find, keys to trust): it runs once, when the fixture is
 * made, so a class that relies on what it puts upstream is {@link #isolated} as well.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(MirrorFixtureContextCustomizerFactory.class)
@ExtendWith(MirrorApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public @interface MirrorApplicationTest {

    /** The mirrored boards as {@code channel/board}, in upstream's own layout; every channel is served by the fixture's upstream. */
    String[] boards() default {MirrorFixture.CHANNEL + "/" + MirrorFixture.BOARD};

    /** Further application properties ({@code name=value}); they win over the fixture's. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /** Prepares the fixture before the application starts; each class needs a no-argument constructor. */
    Class<? extends BeforeStart>[] beforeStart() default {};

    /** A context of this class's own, never shared with another class. */
    boolean isolated() default false;

    /** Set-up of the fixture that has to happen before the application starts. */
    interface BeforeStart {
        void prepare(MirrorFixture fixture);
    }
}
