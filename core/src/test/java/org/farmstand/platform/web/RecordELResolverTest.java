package org.farmstand.platform.web;

import jakarta.el.ELContext;
import jakarta.el.PropertyNotWritableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Record components read as properties, and everything else left to the other resolvers. */
class RecordELResolverTest {

    private record Line(String name, long cents) {
        String label() {
            return "not a component";
        }
    }

    public static class Bean {
        public String getName() {
            return "bean";
        }
    }

    private final RecordELResolver resolver = new RecordELResolver();

    private static ELContext context() {
        return new TestELContext();
    }

    @Test
    void readsComponentsOfAPrivateRecord() {
        Line line = new Line("Möhren", 250);
        for (int i = 0; i < 2; i++) { // the second time from the cached accessors
            ELContext context = context();
            assertThat(resolver.getValue(context, line, "name")).isEqualTo("Möhren");
            assertThat(context.isPropertyResolved()).isTrue();
            context = context();
            assertThat(resolver.getValue(context, line, "cents")).isEqualTo(250L);
            assertThat(resolver.isReadOnly(context, line, "cents")).isTrue();
        }
    }

    @Test
    void leavesOtherPropertiesAndTypesAlone() {
        for (Object[] c : new Object[][] {{new Line("a", 1), "label"}, {new Line("a", 1), "unknown"},
                {new Bean(), "name"}, {null, "line"}, {"text", "length"}}) {
            ELContext context = context();
            assertThat(resolver.getValue(context, c[0], c[1])).isNull();
            assertThat(resolver.getType(context, c[0], c[1])).isNull();
            assertThat(resolver.isReadOnly(context, c[0], c[1])).isFalse();
            assertThat(context.isPropertyResolved()).as("%s.%s", c[0], c[1]).isFalse();
        }
    }

    @Test
    void componentsAreReadOnly() {
        assertThatThrownBy(() -> resolver.setValue(context(), new Line("a", 1), "name", "b"))
                .isInstanceOf(PropertyNotWritableException.class);
    }
}
