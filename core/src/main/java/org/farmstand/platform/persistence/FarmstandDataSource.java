package org.farmstand.platform.persistence;

/** The data source is defined once, in core's META-INF/web-fragment.xml; this is its name. */
public final class FarmstandDataSource {

    public static final String JNDI_NAME = "java:app/jdbc/farmstand";

    private FarmstandDataSource() {
    }
}
