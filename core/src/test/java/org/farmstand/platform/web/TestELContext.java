package org.farmstand.platform.web;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.FunctionMapper;
import jakarta.el.VariableMapper;

/**
 * An EL context for resolver tests: no resolver chain of its own, and numbers coerced to int as EL would (the real
 * coercion is the page's EL implementation's, which the tests do not have).
 */
final class TestELContext extends ELContext {

    @Override
    public ELResolver getELResolver() {
        return null;
    }

    @Override
    public FunctionMapper getFunctionMapper() {
        return null;
    }

    @Override
    public VariableMapper getVariableMapper() {
        return null;
    }

    @Override
    public <T> T convertToType(Object obj, Class<T> type) {
        if (type == int.class && obj instanceof Number n) {
            @SuppressWarnings("unchecked")
            T value = (T) Integer.valueOf(n.intValue());
            return value;
        }
        return type.cast(obj);
    }
}
