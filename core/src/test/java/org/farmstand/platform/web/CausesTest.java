package org.farmstand.platform.web;

import jakarta.el.ELException;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import org.farmstand.ordering.control.PlacementGate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTest {

    @Test
    void findsTheTypeUnderTheWrappersOfAFacesAction() {
        PlacementGate.Busy busy = new PlacementGate.Busy();
        Throwable wrapped = new FacesException(new ELException("action failed", busy));
        assertThat(Causes.causeOf(wrapped, PlacementGate.Busy.class)).isSameAs(busy);
    }

    @Test
    void findsTheTypeOnTop() {
        ViewExpiredException expired = new ViewExpiredException("/cart.xhtml");
        assertThat(Causes.causeOf(expired, ViewExpiredException.class)).isSameAs(expired);
    }

    @Test
    void answersNullWhenTheTypeIsNotInTheChain() {
        Throwable other = new FacesException(new IllegalStateException("boom"));
        assertThat(Causes.causeOf(other, PlacementGate.Busy.class)).isNull();
        assertThat(Causes.causeOf(null, PlacementGate.Busy.class)).isNull();
    }

    @Test
    void endsOnACycleInTheChain() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);
        assertThat(Causes.causeOf(new FacesException(first), PlacementGate.Busy.class)).isNull();
    }

    @Test
    void causedByAnyOfSeveralTypes() {
        Throwable wrapped = new FacesException(new ELException("action failed", new PlacementGate.Busy()));
        assertThat(Causes.causedBy(wrapped, ViewExpiredException.class, PlacementGate.Busy.class)).isTrue();
        assertThat(Causes.causedBy(wrapped, ViewExpiredException.class, IllegalStateException.class)).isFalse();
    }
}
