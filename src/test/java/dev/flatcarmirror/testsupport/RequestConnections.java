package dev.flatcarmirror.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records every database connection taken while an HTTP request is being handled, with the request's path: the
 * application's data source is wrapped (a subclass proxy, so its type stays), and a connection taken on a thread that
 * is serving a request (Spring's request context is bound) counts. Background work (polls, the change check,
 * gauges) takes its connections on threads of its own and does not count. Import it into the test class.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RequestConnections {

    private final List<String> taken = new CopyOnWriteArrayList<>();

    /** The paths of the requests that took a connection since the last {@link #clear}, one entry per connection. */
    public List<String> taken() {
        return List.copyOf(taken);
    }

    public void clear() {
        taken.clear();
    }

    @Bean
    static BeanPostProcessor requestConnectionCounter(ObjectProvider<RequestConnections> connections) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource)) {
                    return bean;
                }
                ProxyFactory proxy = new ProxyFactory(bean);
                proxy.setProxyTargetClass(true);
                proxy.addAdvice((MethodInterceptor) invocation -> {
                    if (invocation.getMethod().getName().equals("getConnection")
                            && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
                        connections.getObject().taken.add(request.getRequest().getRequestURI());
                    }
                    return invocation.proceed();
                });
                return proxy.getProxy();
            }
        };
    }
}
