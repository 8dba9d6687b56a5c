/**
 * Which channels and boards are mirrored and how each stands: the {@code mirror.channels} configuration,
 * lookup by name with the 404s ({@link dev.flatcarmirror.channel.Channels}, {@link dev.flatcarmirror.channel.NotFoundException}),
 * freshness, the one board view that the API, the pages, health and metrics show
 * ({@link dev.flatcarmirror.channel.ChannelBoards}), and the mirror's URL layout ({@link dev.flatcarmirror.channel.MirrorPaths}).
 */
@ApplicationModule(displayName = "Channel", allowedDependencies = {"catalog"})
package dev.flatcarmirror.channel;

import org.springframework.modulith.ApplicationModule;
