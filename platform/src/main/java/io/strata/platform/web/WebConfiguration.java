package io.strata.platform.web;

import io.strata.platform.auth.AccessInterceptor;
import io.strata.platform.auth.CallerArgumentResolver;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
    private final AccessInterceptor access;
    private final ReadYourWrites readYourWrites;
    private final CallerArgumentResolver callerResolver;

    public WebConfiguration(AccessInterceptor access, ReadYourWrites readYourWrites, CallerArgumentResolver callerResolver) {
        this.access = access;
        this.readYourWrites = readYourWrites;
        this.callerResolver = callerResolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(access);
        registry.addInterceptor(readYourWrites); // after access: unauthenticated callers never wait
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callerResolver);
    }

    /** Strict JSON: a number or boolean is never silently turned into a string (see also strata-defaults). */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    static Clock clock() {
        return Clock.systemUTC();
    }
}
