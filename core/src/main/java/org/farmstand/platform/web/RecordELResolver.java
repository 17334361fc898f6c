package org.farmstand.platform.web;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.PropertyNotWritableException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets pages read record components as properties ({@code #{product.name}}); Expression Language 5 (Jakarta EE 10)
 * only knows getters. Registered in both WARs' faces-config.xml. Read-only.
 */
public class RecordELResolver extends ELResolver {

    /**
     * Each record type's accessors by component name, looked up once: {@code Class.getRecordComponents()} builds new
     * reflection objects on every call, and a page reads record components in its loops (a dozen per row).
     */
    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Map.of();
            }
            Map<String, Method> accessors = new HashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true); // records nested in non-public classes
                accessors.put(component.getName(), accessor);
            }
            return Map.copyOf(accessors);
        }
    };

    private static Method component(Object base, Object property) {
        if (base == null || property == null) {
            return null;
        }
        return ACCESSORS.get(base.getClass()).get(property.toString());
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        Method accessor = component(base, property);
        if (accessor == null) {
            return null;
        }
        try {
            Object value = accessor.invoke(base);
            context.setPropertyResolved(base, property);
            return value;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new jakarta.el.ELException(e);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        if (component(base, property) == null) {
            return null;
        }
        context.setPropertyResolved(base, property);
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (component(base, property) != null) {
            throw new PropertyNotWritableException(property.toString());
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        if (component(base, property) != null) {
            context.setPropertyResolved(base, property);
            return true;
        }
        return false;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base != null && base.getClass().isRecord() ? Object.class : null;
    }
}
