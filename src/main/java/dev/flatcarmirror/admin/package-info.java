/**
 * The admin API's security (bearer token, and HTTP basic only when {@code mirror.admin.basic} is on, for
 * {@code /admin/**} and non-public actuator endpoints; everything else anonymous) and the on-demand sync.
 */
@ApplicationModule(displayName = "Admin", allowedDependencies = {"channel", "sync"})
package dev.flatcarmirror.admin;

import org.springframework.modulith.ApplicationModule;
