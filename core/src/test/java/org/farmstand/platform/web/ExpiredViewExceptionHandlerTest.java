package org.farmstand.platform.web;

import jakarta.el.ELException;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import org.farmstand.ordering.control.PlacementGate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredViewExceptionHandlerTest {

    @Test
    void findsTheTypeUnderTheWrappersOfAFacesAction() {
        PlacementGate.Busy busy = new PlacementGate.Busy();
        Throwable wrapped = new FacesException(new ELException("action failed", busy));
        assertThat(ExpiredViewExceptionHandler.causeOf(wrapped, PlacementGate.Busy.class)).isSameAs(busy);
    }

    @Test
    void findsTheTypeOnTop() {
        ViewExpiredException expired = new ViewExpiredException("/cart.xhtml");
        assertThat(ExpiredViewExceptionHandler.causeOf(expired, ViewExpiredException.class)).isSameAs(expired);
    }

    @Test
    void answersNullWhenTheTypeIsNotInTheChain() {
        Throwable other = new FacesException(new IllegalStateException("boom"));
        assertThat(ExpiredViewExceptionHandler.causeOf(other, PlacementGate.Busy.class)).isNull();
        assertThat(ExpiredViewExceptionHandler.causeOf(null, PlacementGate.Busy.class)).isNull();
    }

    @Test
    void endsOnACycleInTheChain() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);
        assertThat(ExpiredViewExceptionHandler.causeOf(new FacesException(first), PlacementGate.Busy.class)).isNull();
    }
}
