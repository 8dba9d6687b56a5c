package dev.flatcarmirror.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class LockSetup {

    @Bean
    Locks locks(DataSource dataSource, LockProperties properties) {
        String instance = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
        JdbcTemplateLockProvider provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                // The database's clock decides when a lock expires, whatever the replicas' clocks say.
                .usingDbTime()
                // Unique per process: two instances on one host must not release each other's locks.
                .withLockedByValue(instance)
                .build());
        return new Locks(provider, provider::clearCache, properties.timeout(), instance);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
