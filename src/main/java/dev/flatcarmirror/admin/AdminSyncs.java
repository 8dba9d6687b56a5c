package dev.flatcarmirror.admin;

import dev.flatcarmirror.sync.PollScheduler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Polls requested through the admin API, run off the request thread on a small pool. A channel waits in
 * the queue at most once, so repeated requests cannot pile up work; a request made while the channel's
 * poll is already running queues one more, since upstream may have moved after that poll looked.
 */
@Component
class AdminSyncs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AdminSyncs.class);

    private final PollScheduler scheduler;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    AdminSyncs(PollScheduler scheduler) {
        this.scheduler = scheduler;
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setThreadNamePrefix("admin-sync-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
    }

    /** @return false when a poll of the channel was already waiting to start, which then serves this request too */
    boolean request(String channel, String requestedBy) {
        if (!waiting.add(channel)) {
            return false;
        }
        log.info("Poll of {} requested by {}", channel, requestedBy);
        try {
            executor.execute(() -> run(channel));
        } catch (TaskRejectedException e) {
            waiting.remove(channel);
            throw e;
        }
        return true;
    }

    private void run(String channel) {
        waiting.remove(channel);
        try {
            scheduler.pollNow(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Requested poll of {} failed unexpectedly", channel, e);
        }
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
