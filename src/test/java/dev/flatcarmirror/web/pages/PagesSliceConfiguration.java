package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.release.ReleaseControlProperties;
import dev.flatcarmirror.release.ServedChannels;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** What the listing controllers need, with the mirror's state in memory and the clock stopped at {@link CatalogFixtures#NOW}. */
@TestConfiguration(proxyBeanMethods = false)
@Import({PageViews.class, DirectoryListings.class, Channels.class, ServedChannels.class})
@EnableConfigurationProperties({MirrorProperties.class, ReleaseControlProperties.class})
class PagesSliceConfiguration {

    @Bean
    InMemoryMirrorState mirrorState() {
        return new InMemoryMirrorState();
    }

    @Bean
    @Primary
    Clock fixedClock() {
        return Clock.fixed(CatalogFixtures.NOW, ZoneOffset.UTC);
    }
}
