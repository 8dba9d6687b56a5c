package dev.flatcarmirror.ops;

import dev.flatcarmirror.channel.Channels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the body bytes of successful GETs of mirrored files, {@code /{channel}/{board}/{version}/{file}},
 * as {@code flatcar_mirror_served_bytes_total{channel,board}}. Path segments come from the client, so only
 * a configured channel and board ever become tag values; the version and file never do.
 */
class ServedBytesFilter extends OncePerRequestFilter {

    private final Channels channels;
    private final MeterRegistry registry;

    ServedBytesFilter(Channels channels, MeterRegistry registry) {
        this.channels = channels;
        this.registry = registry;
        // At zero from the start, for every configured board, so rate() and increase() see the first bytes.
        channels.all().forEach(channel -> channel.boards().forEach(board -> counter(channel.name(), board)));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || mirroredBoard(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] board = mirroredBoard(request);
        CountingResponse counting = new CountingResponse(response);
        try {
            chain.doFilter(request, counting);
        } finally {
            // Also when the client went away mid-file: what was written was served.
            int status = counting.getStatus();
            if (counting.bytes() > 0 && (status == HttpServletResponse.SC_OK || status == HttpServletResponse.SC_PARTIAL_CONTENT)) {
                counter(board[0], board[1]).increment(counting.bytes());
            }
        }
    }

    /** {@code [channel, board]} when the path has the file layout and names a mirrored board, else null. */
    private String[] mirroredBoard(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String[] segments = path.split("/", -1);
        if (segments.length != 5 || !segments[0].isEmpty()) {
            return null;
        }
        String channel = segments[1];
        String board = segments[2];
        return channels.isMirrored(channel, board) ? new String[] {channel, board} : null;
    }

    private Counter counter(String channel, String board) {
        return Counter.builder("flatcar_mirror_served_bytes")
                .description("Body bytes of mirrored files sent to clients (200 and 206 answers to GET)")
                .baseUnit(BaseUnits.BYTES)
                .tags("channel", channel, "board", board)
                .register(registry);
    }
}
