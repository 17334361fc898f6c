package org.farmstand.storefront;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The real storefront WAR as the build packaged it, for Arquillian. */
final class StorefrontDeployment {

    private StorefrontDeployment() {
    }

    static WebArchive war() {
        File war = new File(System.getProperty("farmstand.it.build-dir", "target"), "storefront.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
