package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LtsInfoTest {

    @Test
    void supportedStreamsShouldBeTheYearsListedAsSupportedOldestFirst() throws Exception {
        LtsInfo info = LtsInfo.parse(bytes("2605:2021:unsupported\n3033:2022:unsupported\n3510:2023:supported\n4081:2024:supported\n"));

        assertThat(info.supportedStreams()).containsExactly("current-2023", "current-2024");
        assertThat(info.entries()).hasSize(4);
        assertThat(info.entries().get(2).major()).isEqualTo(3510);
    }

    @Test
    void aFileWithoutATrailingNewlineOrWithBlankLinesShouldStillParse() throws Exception {
        assertThat(LtsInfo.parse(bytes("\n3815:2024:supported")).supportedStreams()).containsExactly("current-2024");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "3815:2024:maybe\n", "3815:24:supported\n", "3815:2024:supported\n<html>\n",
            "3815:2024:supported:extra\n", "../x:2024:supported\n"})
    void anythingElseShouldBeRefusedWhole(String content) {
        assertThatThrownBy(() -> LtsInfo.parse(bytes(content))).isInstanceOf(LtsInfo.Malformed.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
