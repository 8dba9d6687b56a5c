package dev.flatcarmirror.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReleaseVersionTest {

    @Test
    void versionsShouldCompareNumericallyNotAsText() {
        assertThat(new ReleaseVersion("4593.2.10").isNewerThan(new ReleaseVersion("4593.2.9"))).isTrue();
        assertThat(new ReleaseVersion("10000.0.0").isNewerThan(new ReleaseVersion("9999.9.9"))).isTrue();
        assertThat(new ReleaseVersion("3510.2.8").isNewerThan(new ReleaseVersion("4593.2.5"))).isFalse();
    }

    @Test
    void branchShouldBeTheMiddleNumber() {
        assertThat(new ReleaseVersion("4593.2.5").branch()).isEqualTo(2);
        assertThat(new ReleaseVersion("4628.0.0").branch()).isZero();
    }

    @Test
    void equalNumbersShouldBeOrderedBySuffix() {
        assertThat(new ReleaseVersion("1.2.3+b").compareTo(new ReleaseVersion("1.2.3+a"))).isPositive();
        assertThat(new ReleaseVersion("1.2.3").compareTo(new ReleaseVersion("1.2.3"))).isZero();
    }
}
