package org.farmstand.platform.web;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Method calls in pages ({@code #{shop.url('/cart')}}, {@code #{line.name()}}) on Farmstand's own classes, with the
 * method looked up once per class, name and number of arguments. Expression Language's bean resolver looks it up on
 * every call with {@code Class.getMethods()}, which copies every public method of the class (of a CDI client proxy:
 * some fifty) each time; a signed-in page makes a few dozen such calls.
 *
 * <p>Only an unambiguous call is taken: one public, non-static, non-varargs method of that name and arity on the
 * object's class; anything else (overloads of the same arity, other classes, explicit parameter types that differ)
 * is left to the bean resolver, so no call means something else than before. Arguments are coerced as the bean
 * resolver does, and an exception of the method reaches the page as its {@link ELException}. Registered in both WARs'
 * faces-config.xml.
 */
public class MethodCallELResolver extends ELResolver {

    private static final String OWN_PACKAGES = "org.farmstand.";

    /** Per class: method name → the method by number of arguments (null where none or several). */
    private static final ClassValue<Map<String, Method[]>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Method[]> computeValue(Class<?> type) {
            if (!type.getName().startsWith(OWN_PACKAGES)) {
                return Map.of();
            }
            Map<String, Map<Integer, List<Method>>> found = new HashMap<>();
            for (Method method : type.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) || method.isBridge() || method.isSynthetic()
                        || method.isVarArgs()) {
                    continue;
                }
                List<Method> same = found.computeIfAbsent(method.getName(), k -> new HashMap<>())
                        .computeIfAbsent(method.getParameterCount(), k -> new ArrayList<>());
                if (same.stream().noneMatch(m -> Arrays.equals(m.getParameterTypes(), method.getParameterTypes()))) {
                    same.add(method);
                }
            }
            Map<String, Method[]> byName = new HashMap<>();
            found.forEach((name, byArity) -> {
                Method[] methods = new Method[java.util.Collections.max(byArity.keySet()) + 1];
                byArity.forEach((arity, candidates) -> {
                    if (candidates.size() == 1 && candidates.get(0).trySetAccessible()) {
                        methods[arity] = candidates.get(0);
                    }
                });
                byName.put(name, methods);
            });
            return Map.copyOf(byName);
        }
    };

    /** The method a call would take here, or null when the bean resolver is to decide. */
    static Method method(Class<?> type, String name, int arity) {
        Method[] methods = METHODS.get(type).get(name);
        return methods == null || arity >= methods.length ? null : methods[arity];
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base == null || method == null) {
            return null;
        }
        int arity = params == null ? 0 : params.length;
        Method m = method(base.getClass(), method.toString(), arity);
        if (m == null || paramTypes != null && !Arrays.equals(paramTypes, m.getParameterTypes())) {
            return null;
        }
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[arity];
        for (int i = 0; i < arity; i++) {
            args[i] = context.convertToType(params[i], types[i]);
        }
        Object result;
        try {
            result = m.invoke(base, args);
        } catch (InvocationTargetException e) {
            throw new ELException(e.getCause());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new ELException(e);
        }
        context.setPropertyResolved(base, method);
        return result;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // properties are the other resolvers' business
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
