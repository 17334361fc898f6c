package org.farmstand.platform.web;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unambiguous calls on Farmstand's classes are taken (arguments coerced), everything else left to the bean resolver. */
class MethodCallELResolverTest {

    private record Line(String name, int quantity) {
        public String label() {
            return quantity + " × " + name;
        }
    }

    public static class Page {
        public String url(String path) {
            return "/s/shop" + path;
        }

        public String url(String path, int page) {
            return url(path) + "?page=" + page;
        }

        public String pick(int n) {
            return "int";
        }

        public String pick(String s) {
            return "string";
        }

        public String fail() {
            throw new IllegalStateException("broken");
        }

        public static String statics() {
            return "static";
        }
    }

    private final MethodCallELResolver resolver = new MethodCallELResolver();

    private static ELContext context() {
        return new TestELContext();
    }

    private Object call(ELContext context, Object base, String method, Object... params) {
        return resolver.invoke(context, base, method, null, params);
    }

    @Test
    void callsAnUnambiguousMethodByItsArity() {
        ELContext context = context();
        assertThat(call(context, new Page(), "url", "/cart")).isEqualTo("/s/shop/cart");
        assertThat(context.isPropertyResolved()).isTrue();
        context = context();
        assertThat(call(context, new Page(), "url", "/products", 2L)).isEqualTo("/s/shop/products?page=2");
        assertThat(context.isPropertyResolved()).isTrue();
        context = context();
        assertThat(resolver.invoke(context, new Line("Möhren", 3), "label", null, null)).isEqualTo("3 × Möhren");
        assertThat(resolver.invoke(context(), new Line("Möhren", 3), "name", new Class<?>[0], new Object[0]))
                .isEqualTo("Möhren");
    }

    @Test
    void leavesAmbiguousForeignStaticAndUnknownCallsAlone() {
        for (Object[] c : new Object[][] {{new Page(), "pick", new Object[] {1}}, {new Page(), "statics", new Object[0]},
                {new Page(), "nothing", new Object[0]}, {new Page(), "url", new Object[] {"/a", 1, 2}},
                {"text", "length", new Object[0]}, {java.util.List.of(1), "size", new Object[0]}}) {
            ELContext context = context();
            assertThat(resolver.invoke(context, c[0], c[1], null, (Object[]) c[2])).isNull();
            assertThat(context.isPropertyResolved()).as("%s.%s", c[0].getClass(), c[1]).isFalse();
        }
        ELContext context = context();
        assertThat(resolver.invoke(context, new Page(), "url", new Class<?>[] {Object.class}, new Object[] {"/a"}))
                .as("explicit parameter types that differ").isNull();
        assertThat(context.isPropertyResolved()).isFalse();
    }

    @Test
    void anExceptionOfTheMethodReachesThePageAsItsCause() {
        assertThatThrownBy(() -> call(context(), new Page(), "fail"))
                .isInstanceOf(ELException.class).cause().isInstanceOf(IllegalStateException.class).hasMessage("broken");
    }

    @Test
    void resolvesNoProperties() {
        ELContext context = context();
        assertThat(resolver.getValue(context, new Page(), "url")).isNull();
        assertThat(resolver.isReadOnly(context, new Page(), "url")).isFalse();
        assertThat(context.isPropertyResolved()).isFalse();
    }
}
